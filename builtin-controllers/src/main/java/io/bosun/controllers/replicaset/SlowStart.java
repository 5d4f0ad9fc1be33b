package io.bosun.controllers.replicaset;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes many similar calls in batches that double in size (1, 2, 4, ...) and stops at the first
 * batch with a failure, as Kubernetes' slowStartBatch: when every call would fail (a quota, an
 * admission rule), one failure is paid instead of hundreds.
 */
final class SlowStart {
  /** The size of the first batch: 1. */
  static final int INITIAL_BATCH = 1;

  /**
   * How the calls went.
   *
   * @param succeeded how many calls succeeded
   * @param skipped how many were never made, after a failed batch
   * @param failure the first failure, or null
   */
  record Outcome(int succeeded, int skipped, Throwable failure) {}

  private SlowStart() {}

  /** Makes {@code count} calls of {@code call}. */
  static Uni<Outcome> run(int count, Supplier<Uni<Void>> call) {
    return batch(count, INITIAL_BATCH, 0, call);
  }

  private static Uni<Outcome> batch(
      int remaining, int size, int succeeded, Supplier<Uni<Void>> call) {
    if (remaining <= 0) {
      return Uni.createFrom().item(new Outcome(succeeded, 0, null));
    }
    int n = Math.min(size, remaining);
    List<Uni<Throwable>> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      calls.add(
          Uni.createFrom()
              .deferred(() -> call.get())
              .onItem()
              .transform(ignored -> (Throwable) null)
              .onFailure()
              .recoverWithItem(failure -> failure));
    }
    return Uni.join()
        .all(calls)
        .andFailFast()
        .flatMap(
            results -> {
              List<Throwable> failures = results.stream().filter(Objects::nonNull).toList();
              int done = succeeded + n - failures.size();
              if (!failures.isEmpty()) {
                return Uni.createFrom().item(new Outcome(done, remaining - n, failures.get(0)));
              }
              return batch(remaining - n, 2 * n, done, call);
            });
  }
}

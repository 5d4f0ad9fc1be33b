package io.bosun.controller.runtime.internal;

import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reconciler whose reconciles stay in flight until the test ends them. */
final class HeldReconciler implements Reconciler {
  private final List<Request> calls = new CopyOnWriteArrayList<>();
  private final Map<Request, UniEmitter<? super Result>> inFlight = new ConcurrentHashMap<>();

  @Override
  public Uni<Result> reconcile(Request request) {
    calls.add(request);
    return Uni.createFrom()
        .emitter(
            emitter -> {
              if (inFlight.putIfAbsent(request, emitter) != null) {
                throw new AssertionError(request + " reconciled twice at once");
              }
            });
  }

  /** Every call so far, in order. */
  List<Request> calls() {
    return List.copyOf(calls);
  }

  /** How many reconciles are in flight. */
  int inFlight() {
    return inFlight.size();
  }

  /** Ends the in-flight reconcile of {@code request} with {@code result}. */
  void complete(Request request, Result result) {
    UniEmitter<? super Result> emitter = inFlight.remove(request);
    if (emitter == null) {
      throw new AssertionError(request + " is not in flight");
    }
    emitter.complete(result);
  }
}

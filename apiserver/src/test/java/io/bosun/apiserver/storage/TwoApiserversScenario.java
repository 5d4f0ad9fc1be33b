package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.storage.postgres.PostgresStorage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two apiservers write to one database at once; watchers on each see both, in one order. */
interface TwoApiserversScenario extends PostgresHarness {

  @Test
  default void watchersOnEitherStorageSeeTheWritesOfBothInOneOrder() throws Exception {
    PostgresStorage a = postgres().start(c -> c);
    PostgresStorage b = postgres().start(c -> c);
    long start = a.currentResourceVersion();
    List<WatchOptions> options =
        List.of(
            new WatchOptions("configmaps", Selection.ALL, start, Duration.ofMillis(100), false),
            new WatchOptions("configmaps", Selection.ALL, null, Duration.ofMillis(100), true),
            new WatchOptions(
                "secrets", Selection.namespace("b-1"), start, Duration.ofMillis(100), false));
    List<Storage> on = List.of(a, b, b);
    try (RandomWriters onA =
            new RandomWriters(
                a,
                List.of("configmaps", "secrets"),
                List.of("a-1", "a-2"),
                30,
                Duration.ZERO,
                Duration.ofSeconds(15));
        RandomWriters onB =
            new RandomWriters(
                b,
                List.of("configmaps", "secrets"),
                List.of("b-1", "b-2"),
                30,
                Duration.ZERO,
                Duration.ofSeconds(15));
        WatchRecorder w0 = WatchRecorder.watch(on.get(0), options.get(0));
        WatchRecorder w1 = WatchRecorder.watch(on.get(1), options.get(1));
        WatchRecorder w2 = WatchRecorder.watch(on.get(2), options.get(2))) {
      onA.start(6, 150, 21);
      onB.start(6, 150, 22);
      onA.awaitDone(Duration.ofSeconds(60));
      onB.awaitDone(Duration.ofSeconds(60));

      for (RandomWriters load : List.of(onA, onB)) {
        assertThat(load.unexpected()).isEmpty();
        assertThat(load.uncertain()).isEmpty();
      }
      List<WatchRecorder> watchers = List.of(w0, w1, w2);
      for (int i = 0; i < 3; i++) {
        StreamCheck.assertConsistent(on.get(i), watchers.get(i), options.get(i), List.of(onA, onB));
      }
    }
  }
}

package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.storage.postgres.PostgresStorage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The LISTEN connection of one apiserver dies while another one keeps writing. */
interface ListenerLossScenario extends PostgresHarness {

  @Test
  default void watcherMissesNothingWhenItsStoragesListenConnectionIsKilled() throws Exception {
    PostgresStorage writer = postgres().start(c -> c);
    Set<Integer> writersListener = listeningBackends();
    PostgresStorage reader = postgres().start(c -> c);
    Set<Integer> readersListener = new HashSet<>(listeningBackends());
    readersListener.removeAll(writersListener);
    assertThat(readersListener).as("the reader's LISTEN backend").hasSize(1);

    WatchOptions options =
        new WatchOptions(
            "configmaps",
            Selection.ALL,
            reader.currentResourceVersion(),
            Duration.ofMillis(200),
            false);
    try (WatchRecorder watch = WatchRecorder.watch(reader, options);
        RandomWriters load =
            new RandomWriters(
                writer,
                List.of("configmaps", "secrets"),
                List.of("a", "b"),
                30,
                Duration.ofMillis(2),
                Duration.ofSeconds(10))) {
      load.start(4, 150, 11);
      for (int kill = 1; kill <= 3; kill++) {
        int reached = kill * 120;
        Awaitility.await("writes reach " + reached)
            .atMost(Duration.ofSeconds(30))
            .until(() -> load.attempts() >= reached);
        int victim = readersListener.iterator().next();
        terminate(victim);
        Awaitility.await("the reader listens again")
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  Set<Integer> now = new HashSet<>(listeningBackends());
                  now.removeAll(writersListener);
                  now.remove(victim);
                  if (now.size() == 1) {
                    readersListener.clear();
                    readersListener.addAll(now);
                    return true;
                  }
                  return false;
                });
      }
      load.awaitDone(Duration.ofSeconds(60));

      assertThat(load.unexpected()).isEmpty();
      assertThat(load.uncertain()).isEmpty();
      StreamCheck.assertConsistent(reader, watch, options, load);
      assertThat(watch.streams()).as("the watch stayed open").isEqualTo(1);
    }
  }
}

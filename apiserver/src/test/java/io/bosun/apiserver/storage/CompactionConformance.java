package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.byKey;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Compaction: what it makes Expired, what it must keep, and the timer's retention. */
interface CompactionConformance extends StorageHarness {

  private static long write(Storage storage, int i) {
    ObjectKey key = new ObjectKey("configmaps", "ns", "k-" + (i % 20));
    return await(
            storage
                .guaranteedUpdate(key, Preconditions.NONE, c -> withData(c.json(), "i", i))
                .onFailure(StorageException.NotFound.class)
                .recoverWithUni(() -> storage.create(key, doc(key))))
        .resourceVersion();
  }

  @Test
  default void compactionMakesOlderVersionsExpiredAndKeepsNewerOnesWorking() {
    Storage storage = startStorage();
    for (int i = 0; i < 30; i++) {
      write(storage, i);
    }
    ListResult old =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 5, null, null, false)));
    long oldRv = old.resourceVersion();
    for (int i = 30; i < 60; i++) {
      write(storage, i);
    }
    ListResult kept = await(storage.list(ListOptions.of("configmaps", Selection.ALL)));
    long point = kept.resourceVersion();
    for (int i = 60; i < 70; i++) {
      write(storage, i);
    }
    compact(storage, point);
    assertThat(compactedResourceVersion(storage)).isEqualTo(point);

    try (WatchRecorder expired =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, oldRv))) {
      assertThat(expired.awaitEnd()).isInstanceOf(StorageException.Expired.class);
    }
    try (WatchRecorder justBefore =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, point - 1))) {
      assertThat(justBefore.awaitEnd()).isInstanceOf(StorageException.Expired.class);
    }
    assertThatThrownBy(
            () ->
                await(
                    storage.list(
                        new ListOptions("configmaps", Selection.ALL, 0, null, oldRv, true))))
        .isInstanceOf(StorageException.Expired.class);
    assertThatThrownBy(
            () ->
                await(
                    storage.list(
                        new ListOptions(
                            "configmaps", Selection.ALL, 5, old.continueToken(), null, false))))
        .isInstanceOf(StorageException.Expired.class);

    ListResult atPoint =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 0, null, point, true)));
    assertThat(byKey(atPoint.items())).isEqualTo(byKey(kept.items()));
    try (WatchRecorder fromPoint =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, point))) {
      fromPoint.awaitChanges(10);
      assertThat(fromPoint.changes().get(0).resourceVersion()).isEqualTo(point + 1);
      fromPoint.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void compactingAwayWholeHistoryPartitionsKeepsTheChangesAfterThePoint() {
    Storage storage = startStorage(c -> c.withPartitionSize(1000).withHistoryCapacity(100));
    List<Uni<StoredObject>> creates = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns-" + (i % 5), "p-" + i);
      creates.add(storage.create(key, doc(key)));
    }
    await(Uni.join().all(creates).andFailFast());
    long current =
        await(storage.list(ListOptions.of("configmaps", Selection.ALL))).resourceVersion();
    long point = current - 300;
    ListResult atPoint =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 0, null, point, true)));
    compact(storage, point);

    ListResult afterCompaction =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 0, null, point, true)));
    assertThat(byKey(afterCompaction.items())).isEqualTo(byKey(atPoint.items()));
    try (WatchRecorder watch =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, point))) {
      watch.awaitChanges(300);
      assertThat(watch.changes().get(0).resourceVersion()).isEqualTo(point + 1);
      watch.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void compactionOnATimerKeepsAtLeastTheConfiguredRetention() {
    Duration retention = Duration.ofMillis(1500);
    Storage storage = startStorage(c -> c.withHistoryRetention(retention, Duration.ofMillis(100)));
    long initial = compactedResourceVersion(storage);
    record Sample(Instant at, long rv) {}
    List<Sample> samples = new ArrayList<>();
    Instant end = Instant.now().plusSeconds(4);
    int i = 0;
    while (Instant.now().isBefore(end)) {
      Instant before = Instant.now();
      samples.add(new Sample(before, write(storage, i++)));
      long compacted = compactedResourceVersion(storage);
      // Every version committed at or after (now - retention) must still be available: the
      // compaction point may not pass the first version we saw committed after that instant.
      Instant horizon = Instant.now().minus(retention);
      samples.stream()
          .filter(s -> !s.at().isBefore(horizon))
          .findFirst()
          .ifPresent(
              s ->
                  assertThat(compacted)
                      .as("compaction point at %s (retention %s)", Instant.now(), retention)
                      .isLessThan(s.rv()));
    }
    Awaitility.await("the timer compacts")
        .atMost(Duration.ofSeconds(5))
        .until(() -> compactedResourceVersion(storage) > initial);
  }
}

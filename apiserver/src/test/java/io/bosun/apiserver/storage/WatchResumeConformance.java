package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slow watchers, resuming, and watches from versions the memory or the history no longer hold. */
interface WatchResumeConformance extends StorageHarness {

  private static List<Long> createMany(Storage storage, String prefix, int count) {
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns", prefix + i);
      versions.add(await(storage.create(key, doc(key))).resourceVersion());
    }
    return versions;
  }

  @Test
  default void slowWatcherIsClosedAndResumesFromItsLastVersionWithoutLoss() {
    int capacity = 8;
    Storage storage = startStorage(c -> c.withWatcherQueueCapacity(capacity));
    long start = storage.currentResourceVersion();
    AssertSubscriber<WatchEvent> slow = AssertSubscriber.create(0);
    storage
        .watch(WatchOptions.from("configmaps", Selection.ALL, start))
        .subscribe()
        .withSubscriber(slow);
    slow.awaitSubscription();
    List<Long> written = createMany(storage, "o-", 50);

    // It asks for nothing while 50 changes happen; then it takes what was kept for it.
    slow.request(Long.MAX_VALUE);
    slow.awaitCompletion(Duration.ofSeconds(10));
    List<WatchEvent> first = slow.getItems();
    assertThat(first.size()).as("events kept for a watcher that took none").isLessThan(50);
    long resumeFrom = first.isEmpty() ? start : first.get(first.size() - 1).resourceVersion();

    try (WatchRecorder rest =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, resumeFrom))) {
      rest.awaitChanges(50 - first.size());
      List<Long> seen = new ArrayList<>(first.stream().map(WatchEvent::resourceVersion).toList());
      seen.addAll(rest.changes().stream().map(WatchEvent::resourceVersion).toList());
      assertThat(seen).containsExactlyElementsOf(written);
    }
  }

  @Test
  default void watchFromBeforeTheInMemoryHistoryStillGetsEveryChange() {
    Storage storage = startStorage(c -> c.withHistoryCapacity(10));
    long start = storage.currentResourceVersion();
    List<Long> written = createMany(storage, "h-", 60);
    long middle = written.get(24);

    try (WatchRecorder all =
            WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, start));
        WatchRecorder half =
            WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, middle))) {
      List<Long> live = createMany(storage, "live-", 5);
      all.awaitChanges(65);
      half.awaitChanges(40);
      List<Long> expected = new ArrayList<>(written);
      expected.addAll(live);
      assertThat(all.changes())
          .extracting(WatchEvent::resourceVersion)
          .containsExactlyElementsOf(expected);
      assertThat(half.changes())
          .extracting(WatchEvent::resourceVersion)
          .containsExactlyElementsOf(expected.subList(25, 65));
      all.assertOrderedExactlyOnce();
      half.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void longCatchUpFromTheChangeLogDeliversEverythingAndBookmarksNeverRunAhead() {
    Storage storage = startStorage(c -> c.withHistoryCapacity(50));
    long start = storage.currentResourceVersion();
    List<Uni<StoredObject>> creates = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns-" + (i % 4), "c-" + i);
      creates.add(storage.create(key, doc(key)));
    }
    List<Long> written =
        await(Uni.join().all(creates).andFailFast()).stream()
            .map(StoredObject::resourceVersion)
            .sorted()
            .toList();
    // Bookmarks every millisecond while thousands of changes are read back from the database: a
    // bookmark promises that every change up to its version has been delivered.
    WatchOptions options =
        new WatchOptions("configmaps", Selection.ALL, start, Duration.ofMillis(1), false);
    try (WatchRecorder watch = WatchRecorder.watch(storage, options)) {
      watch.awaitChanges(4000);
      assertThat(watch.changes())
          .extracting(WatchEvent::resourceVersion)
          .containsExactlyElementsOf(written);
      watch.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void watchFromAVersionNewerThanAnyCommitFailsAsTooLarge() {
    Storage storage = startStorage();
    long rv = createMany(storage, "t-", 1).get(0);
    try (WatchRecorder watch =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, rv + 1000))) {
      assertThat(watch.awaitEnd()).isInstanceOf(StorageException.TooLargeResourceVersion.class);
    }
  }

  @Test
  default void watchFromAVersionJustCommittedElsewhereWaitsForIt() {
    Storage storage = startStorage();
    long rv = createMany(storage, "w-", 1).get(0);
    // A version the storage has already handed out is never too large.
    try (WatchRecorder watch =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, rv))) {
      long next = createMany(storage, "x-", 1).get(0);
      watch.awaitChanges(1);
      assertThat(watch.changes()).extracting(WatchEvent::resourceVersion).containsExactly(next);
    }
  }
}

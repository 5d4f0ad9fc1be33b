package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.tree;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static io.bosun.apiserver.storage.TestObjects.withLabels;
import static io.bosun.apiserver.storage.TestObjects.withoutResourceVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.storage.WatchEvent.Type;
import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Watches: what a watch from a version or from now delivers, selections, bookmarks. */
interface WatchConformance extends StorageHarness {
  ObjectKey A = new ObjectKey("configmaps", "ns", "a");
  ObjectKey B = new ObjectKey("configmaps", "ns", "b");

  private static String summary(WatchEvent e) {
    return e.type() + " " + e.object().key().name() + "@" + e.resourceVersion();
  }

  @Test
  default void watchFromAVersionDeliversExactlyTheLaterChangesInOrder() {
    Storage storage = startStorage();
    long a1 = await(storage.create(A, doc(A))).resourceVersion();
    long b2 = await(storage.create(B, doc(B))).resourceVersion();
    long a3 =
        await(storage.guaranteedUpdate(A, Preconditions.NONE, c -> withData(c.json(), "x", 1)))
            .resourceVersion();
    StoredObject b4 = await(storage.delete(B, Preconditions.NONE));
    ObjectKey other = new ObjectKey("secrets", "ns", "a");
    await(storage.create(other, doc(other)));

    try (WatchRecorder watch =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, a1))) {
      watch.awaitChanges(3);
      ObjectKey c = new ObjectKey("configmaps", "other", "c");
      long c5 = await(storage.create(c, doc(c))).resourceVersion();
      watch.awaitChanges(4);
      assertThat(watch.changes())
          .extracting(WatchConformance::summary)
          .containsExactly(
              "ADDED b@" + b2,
              "MODIFIED a@" + a3,
              "DELETED b@" + b4.resourceVersion(),
              "ADDED c@" + c5);
      watch.assertOrderedExactlyOnce();
      assertThat(tree(watch.changes().get(2).object().json())).isEqualTo(tree(b4.json()));
    }
  }

  @Test
  default void watchFromNullSendsTheCurrentStateAsAddedThenTheChanges() {
    Storage storage = startStorage();
    StoredObject a = await(storage.create(A, doc(A)));
    StoredObject b = await(storage.create(B, doc(B)));
    await(storage.guaranteedUpdate(B, Preconditions.NONE, c -> withData(c.json(), "x", 1)));
    WatchOptions options = new WatchOptions("configmaps", Selection.ALL, null, null, true);
    try (WatchRecorder watch = WatchRecorder.watch(storage, options)) {
      watch.awaitChanges(2);
      long d = await(storage.delete(A, Preconditions.NONE)).resourceVersion();
      watch.awaitChanges(3);

      List<WatchEvent> events = watch.events();
      assertThat(events.get(0).type()).isEqualTo(Type.ADDED);
      assertThat(events.get(0).object().resourceVersion()).isEqualTo(a.resourceVersion());
      assertThat(events.get(1).type()).isEqualTo(Type.ADDED);
      assertThat(events.get(1).resourceVersion()).isGreaterThan(b.resourceVersion());
      assertThat(events.get(2).type()).isEqualTo(Type.BOOKMARK);
      assertThat(events.get(2).initialEventsEnd()).isTrue();
      assertThat(events.get(2).resourceVersion())
          .isGreaterThanOrEqualTo(events.get(1).resourceVersion());
      assertThat(watch.changes().get(2).type()).isEqualTo(Type.DELETED);
      assertThat(watch.changes().get(2).resourceVersion()).isEqualTo(d);
      watch.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void deletedEventCarriesTheLastStateStampedWithTheDeletionsVersion() {
    Storage storage = startStorage();
    await(storage.create(A, doc(A)));
    StoredObject last =
        await(
            storage.guaranteedUpdate(A, Preconditions.NONE, c -> withData(c.json(), "last", true)));
    try (WatchRecorder watch =
        WatchRecorder.watch(
            storage, WatchOptions.from("configmaps", Selection.ALL, last.resourceVersion()))) {
      long deletedAt = await(storage.delete(A, Preconditions.NONE)).resourceVersion();
      WatchEvent deleted = watch.awaitChanges(1).changes().get(0);

      assertThat(deleted.type()).isEqualTo(Type.DELETED);
      assertThat(deleted.resourceVersion()).isEqualTo(deletedAt);
      TestObjects.assertStamped(deleted.object());
      assertThat(withoutResourceVersion(deleted.object().json()))
          .isEqualTo(withoutResourceVersion(last.json()));
    }
  }

  @Test
  default void objectMovingOutOfASelectionIsDeletedAndMovingInIsAdded() {
    Storage storage = startStorage();
    long start = await(storage.create(B, doc(B, Map.of("app", "db"), Map.of()))).resourceVersion();
    Selection web = new Selection("ns", LabelSelector.parse("app=web"), FieldSelector.EVERYTHING);
    try (WatchRecorder watch =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", web, start))) {
      long added =
          await(storage.create(A, doc(A, Map.of("app", "web"), Map.of()))).resourceVersion();
      long modified =
          await(storage.guaranteedUpdate(A, Preconditions.NONE, c -> withData(c.json(), "x", 1)))
              .resourceVersion();
      long movedOut =
          await(
                  storage.guaranteedUpdate(
                      A, Preconditions.NONE, c -> withLabels(c.json(), Map.of("app", "db"))))
              .resourceVersion();
      await(storage.guaranteedUpdate(A, Preconditions.NONE, c -> withData(c.json(), "y", 2)));
      long movedIn =
          await(
                  storage.guaranteedUpdate(
                      B, Preconditions.NONE, c -> withLabels(c.json(), Map.of("app", "web"))))
              .resourceVersion();
      long deleted = await(storage.delete(B, Preconditions.NONE)).resourceVersion();
      await(storage.delete(A, Preconditions.NONE));

      watch.awaitChanges(5);
      assertThat(watch.changes())
          .extracting(WatchConformance::summary)
          .containsExactly(
              "ADDED a@" + added,
              "MODIFIED a@" + modified,
              "DELETED a@" + movedOut,
              "ADDED b@" + movedIn,
              "DELETED b@" + deleted);
      WatchEvent out = watch.changes().get(2);
      TestObjects.assertStamped(out.object());
      // As Kubernetes does: the state the watcher last selected, at the version that moved it out.
      assertThat(Documents.labels(out.object().json())).containsEntry("app", "web");
      watch.assertOrderedExactlyOnce();
    }
  }

  @Test
  default void watchOfOneNamespaceSeesOnlyThatNamespace() {
    Storage storage = startStorage();
    long start = storage.currentResourceVersion();
    try (WatchRecorder watch =
        WatchRecorder.watch(
            storage, WatchOptions.from("configmaps", Selection.namespace("ns"), start))) {
      ObjectKey elsewhere = new ObjectKey("configmaps", "other", "a");
      ObjectKey secret = new ObjectKey("secrets", "ns", "a");
      await(storage.create(elsewhere, doc(elsewhere)));
      await(storage.create(secret, doc(secret)));
      long mine = await(storage.create(A, doc(A))).resourceVersion();
      watch.awaitChanges(1);
      assertThat(watch.changes())
          .extracting(WatchConformance::summary)
          .containsExactly("ADDED a@" + mine);
    }
  }

  @Test
  default void bookmarksArriveWhenAskedAndAreNeverOlderThanTheLastEvent() {
    Storage storage = startStorage();
    long start = storage.currentResourceVersion();
    WatchOptions options =
        new WatchOptions("configmaps", Selection.ALL, start, Duration.ofMillis(100), false);
    try (WatchRecorder watch = WatchRecorder.watch(storage, options)) {
      long a = await(storage.create(A, doc(A))).resourceVersion();
      ObjectKey secret = new ObjectKey("secrets", "ns", "s");
      long later = await(storage.create(secret, doc(secret))).resourceVersion();
      watch.awaitSeen(later, Duration.ofSeconds(5));
      assertThat(watch.events()).anyMatch(e -> e.type() == Type.BOOKMARK);
      assertThat(watch.changes())
          .extracting(WatchConformance::summary)
          .containsExactly("ADDED a@" + a);
      watch.assertOrderedExactlyOnce();
    }
    try (WatchRecorder quiet =
        WatchRecorder.watch(storage, WatchOptions.from("configmaps", Selection.ALL, start))) {
      ObjectKey c = new ObjectKey("configmaps", "ns", "c");
      await(storage.create(c, doc(c)));
      quiet.awaitChanges(2);
      assertThat(quiet.events()).noneMatch(e -> e.type() == Type.BOOKMARK);
    }
  }
}

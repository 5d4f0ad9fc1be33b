package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.byKey;
import static io.bosun.apiserver.storage.TestObjects.replay;
import static io.bosun.apiserver.storage.TestObjects.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks one recorded watch stream against the writes acknowledged meanwhile and against the final
 * state: every change after the start exactly once in order, and the replay of the stream over the
 * list at the start equal to the final list.
 */
final class StreamCheck {
  private StreamCheck() {}

  /** Lists every page of a selection at a version (null: newest). */
  static ListResult listAll(Storage storage, String resource, Selection selection, Long rv) {
    List<StoredObject> items = new ArrayList<>();
    ListResult page =
        await(storage.list(new ListOptions(resource, selection, 0, null, rv, rv != null)));
    items.addAll(page.items());
    return new ListResult(items, page.resourceVersion(), null, null);
  }

  static void assertConsistent(
      Storage storage, WatchRecorder watcher, WatchOptions options, RandomWriters writers) {
    assertConsistent(storage, watcher, options, List.of(writers));
  }

  /** The same, for several sets of writers (on several storages) writing disjoint keys. */
  static void assertConsistent(
      Storage storage, WatchRecorder watcher, WatchOptions options, List<RandomWriters> all) {
    String label =
        "watch of "
            + options.resource()
            + " "
            + options.selection()
            + " from "
            + options.resourceVersion();
    ListResult last = listAll(storage, options.resource(), options.selection(), null);
    watcher.awaitSeen(last.resourceVersion(), Duration.ofSeconds(15));
    watcher.assertOrderedExactlyOnce();

    long start = watcher.startRv();
    List<StoredObject> initial =
        listAll(storage, options.resource(), options.selection(), start).items();
    if (options.resourceVersion() == null) {
      assertThat(byKey(watcher.initialState()))
          .as("%s: initial state equals the list at %d", label, start)
          .isEqualTo(byKey(initial));
    }
    List<WatchEvent> changes =
        watcher.changesAfterStart().stream()
            .filter(e -> e.resourceVersion() <= last.resourceVersion())
            .toList();
    assertThat(replay(initial, changes))
        .as(
            "%s: its events replayed over the list at %d equal the list at %d",
            label, start, last.resourceVersion())
        .isEqualTo(byKey(last.items()));

    Selection selection = options.selection();
    Map<Long, RandomWriters.Acked> acked = new HashMap<>();
    List<RandomWriters.Uncertain> uncertain = new ArrayList<>();
    for (RandomWriters writers : all) {
      uncertain.addAll(writers.uncertain());
    }
    List<RandomWriters.Acked> ackedWrites = new ArrayList<>();
    for (RandomWriters writers : all) {
      ackedWrites.addAll(writers.acked());
    }
    assertThat(ackedWrites.stream().map(RandomWriters.Acked::rv))
        .as("resource versions handed out to acknowledged writes")
        .doesNotHaveDuplicates();
    for (RandomWriters.Acked a : ackedWrites) {
      ObjectKey key = a.object().key();
      if (key.resource().equals(options.resource())
          && (selection.namespace() == null || selection.namespace().equals(key.namespace()))
          && a.rv() > start
          && a.rv() <= last.resourceVersion()) {
        acked.put(a.rv(), a);
      }
    }
    boolean everything = selection.labels().isEmpty() && selection.fields().isEmpty();
    TreeSet<Long> delivered = new TreeSet<>();
    List<String> unexplained = new ArrayList<>();
    for (WatchEvent e : changes) {
      delivered.add(e.resourceVersion());
      RandomWriters.Acked a = acked.get(e.resourceVersion());
      if (a == null) {
        if (uncertain.stream().noneMatch(u -> u.key().equals(e.object().key()))) {
          unexplained.add(e.type() + " " + e.object().key() + "@" + e.resourceVersion());
        }
        continue;
      }
      assertThat(e.object().key())
          .as("%s: key of rv %d", label, a.rv())
          .isEqualTo(a.object().key());
      if (everything) {
        assertThat(e.type()).as("%s: type of rv %d", label, a.rv()).isEqualTo(a.type());
        assertThat(tree(e.object().json()))
            .as("%s: document of rv %d", label, a.rv())
            .isEqualTo(tree(a.object().json()));
      }
    }
    assertThat(unexplained)
        .as("%s: events that match no acknowledged or uncertain write", label)
        .isEmpty();
    if (everything) {
      TreeSet<Long> missing = new TreeSet<>(acked.keySet());
      missing.removeAll(delivered);
      assertThat(missing).as("%s: acknowledged writes never delivered", label).isEmpty();
    } else {
      List<Long> missing = new ArrayList<>();
      for (RandomWriters.Acked a : acked.values()) {
        if (a.type() != WatchEvent.Type.DELETED
            && selection.matches(a.object().key(), a.object().json())
            && !delivered.contains(a.rv())) {
          missing.add(a.rv());
        }
      }
      assertThat(missing).as("%s: selected writes never delivered", label).isEmpty();
    }
  }
}

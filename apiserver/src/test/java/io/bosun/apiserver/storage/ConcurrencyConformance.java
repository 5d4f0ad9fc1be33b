package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.tree;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Concurrent writers: batches with failing members, contention, and the watch property test. */
interface ConcurrencyConformance extends StorageHarness {

  /** Runs all the writes at once and returns each one's outcome: the object or the failure. */
  private static List<Object> all(List<Uni<StoredObject>> writes) {
    List<Uni<Object>> outcomes =
        writes.stream()
            .map(u -> u.map(o -> (Object) o).onFailure().recoverWithItem(t -> t))
            .toList();
    return await(Uni.join().all(outcomes).andFailFast());
  }

  @Test
  default void duplicateCreateInABatchOfConcurrentCreatesFailsAlone() {
    Storage storage = startStorage();
    ObjectKey existing = new ObjectKey("configmaps", "ns", "c-7");
    await(storage.create(existing, doc(existing)));
    List<Uni<StoredObject>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns", "c-" + (i < 49 ? 100 + i : 7));
      creates.add(storage.create(key, doc(key)));
    }
    List<Object> outcomes = all(creates);

    assertThat(outcomes.subList(0, 49)).allMatch(o -> o instanceof StoredObject);
    assertThat(outcomes.get(49)).isInstanceOf(StorageException.AlreadyExists.class);
    assertThat(await(storage.list(ListOptions.of("configmaps", Selection.ALL))).items())
        .hasSize(50);
  }

  @Test
  default void stalePreconditionInABatchOfConcurrentDeletesFailsAlone() {
    Storage storage = startStorage();
    List<StoredObject> created = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns", "d-" + i);
      created.add(await(storage.create(key, doc(key))));
    }
    ObjectKey stale = created.get(17).key();
    await(storage.guaranteedUpdate(stale, Preconditions.NONE, c -> withData(c.json(), "x", 1)));
    List<Uni<StoredObject>> deletes =
        created.stream()
            .map(o -> storage.delete(o.key(), Preconditions.resourceVersion(o.resourceVersion())))
            .toList();
    List<Object> outcomes = all(deletes);

    for (int i = 0; i < 50; i++) {
      if (i == 17) {
        assertThat(outcomes.get(i)).isInstanceOf(StorageException.Conflict.class);
      } else {
        assertThat(outcomes.get(i)).as("delete %d", i).isInstanceOf(StoredObject.class);
      }
    }
    assertThat(await(storage.list(ListOptions.of("configmaps", Selection.ALL))).items())
        .extracting(StoredObject::key)
        .containsExactly(stale);
  }

  @Test
  default void unstorableDocumentInABatchOfConcurrentCreatesFailsAlone() {
    Storage storage = startStorage();
    List<Uni<StoredObject>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns", "u-" + i);
      // A NUL character is valid JSON but PostgreSQL's jsonb cannot hold it.
      String json = i == 23 ? doc(key, Map.of(), Map.of("bad", "nul \u0000 here")) : doc(key);
      creates.add(storage.create(key, json));
    }
    List<Object> outcomes = all(creates);

    for (int i = 0; i < 50; i++) {
      if (i == 23) {
        assertThat(outcomes.get(i))
            .as("the unstorable document fails, and not as an unknown outcome")
            .isInstanceOf(RuntimeException.class)
            .isNotInstanceOf(StorageException.Unavailable.class);
      } else {
        assertThat(outcomes.get(i)).as("create %d", i).isInstanceOf(StoredObject.class);
      }
    }
    assertThat(await(storage.list(ListOptions.of("configmaps", Selection.ALL))).items())
        .hasSize(49);
  }

  @Test
  default void concurrentGuaranteedUpdatesOfOneObjectAllApply() {
    Storage storage = startStorage();
    ObjectKey key = new ObjectKey("configmaps", "ns", "counter");
    await(storage.create(key, doc(key, Map.of(), Map.of("count", 0))));
    List<Uni<StoredObject>> increments =
        IntStream.range(0, 32)
            .mapToObj(
                i ->
                    storage.guaranteedUpdate(
                        key,
                        Preconditions.NONE,
                        c ->
                            withData(
                                c.json(), "count", tree(c.json()).at("/data/count").asInt() + 1)))
            .toList();
    List<Object> outcomes = all(increments);

    assertThat(outcomes).allMatch(o -> o instanceof StoredObject, "every increment succeeded");
    assertThat(outcomes.stream().map(o -> ((StoredObject) o).resourceVersion()))
        .doesNotHaveDuplicates();
    assertThat(tree(await(storage.get(key)).json()).at("/data/count").asInt()).isEqualTo(32);
  }

  /**
   * The property test: many writers and watchers started at random versions during the run; every
   * watcher gets every change after its start exactly once, in order, and its replay equals the
   * final list.
   */
  @Test
  default void watchersStartedDuringConcurrentWritesSeeEveryChangeExactlyOnceInOrder()
      throws Exception {
    // A small history makes the older starting points read the change log from the database.
    Storage storage = startStorage(c -> c.withHistoryCapacity(300));
    List<String> resources = List.of("configmaps", "secrets", "widgets.example.io");
    List<String> namespaces = List.of("ns-a", "ns-b");
    Random random = new Random(42);
    List<WatchRecorder> watchers = new ArrayList<>();
    List<WatchOptions> options = new ArrayList<>();
    int writers = 16;
    int writesEach = 200;
    try (RandomWriters load =
        new RandomWriters(
            storage, resources, namespaces, 50, Duration.ZERO, Duration.ofSeconds(15))) {
      load.start(writers, writesEach, 7);
      int total = writers * writesEach;
      for (int i = 0; i < 9; i++) {
        int reached = (i + 1) * total / 12;
        Awaitility.await("writers reach " + reached)
            .atMost(Duration.ofSeconds(60))
            .until(() -> load.attempts() >= reached);
        long now = storage.currentResourceVersion();
        Long from =
            switch (i % 3) {
              case 0 -> null;
              case 1 -> now;
              default -> Math.max(1, now - random.nextInt(600));
            };
        Selection selection =
            switch (random.nextInt(3)) {
              case 0 -> Selection.ALL;
              case 1 -> Selection.namespace("ns-b");
              default ->
                  new Selection(
                      null,
                      io.bosun.core.selector.LabelSelector.parse("color=red"),
                      io.bosun.core.selector.FieldSelector.EVERYTHING);
            };
        WatchOptions o =
            new WatchOptions(
                resources.get(random.nextInt(resources.size())),
                selection,
                from,
                Duration.ofMillis(100),
                from == null);
        options.add(o);
        watchers.add(WatchRecorder.watch(storage, o));
      }
      load.awaitDone(Duration.ofSeconds(90));

      assertThat(load.unexpected()).as("unexpected write failures").isEmpty();
      assertThat(load.uncertain()).as("writes with unknown outcome").isEmpty();
      assertThat(load.ackedCount()).isGreaterThan(total / 3);
      for (int i = 0; i < watchers.size(); i++) {
        assertThat(watchers.get(i).failure()).as("watch %s", options.get(i)).isNull();
        StreamCheck.assertConsistent(storage, watchers.get(i), options.get(i), load);
      }
    } finally {
      watchers.forEach(WatchRecorder::close);
    }
  }
}

package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.byKey;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.tree;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static io.bosun.apiserver.storage.TestObjects.withLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lists: scoping, order, selectors pushed down, lists at older versions. */
interface ListConformance extends StorageHarness {
  List<String> LABEL_SELECTORS =
      List.of(
          "app=web",
          "app!=web",
          "app in (web,db)",
          "app notin (web,db)",
          "tier",
          "!tier",
          "app=web,tier=front",
          "app in (cache),!tier",
          "app notin (web),tier in (back)");

  private static List<StoredObject> items(Storage storage, String resource, Selection selection) {
    return await(storage.list(ListOptions.of(resource, selection))).items();
  }

  private static Selection labels(String selector) {
    return new Selection(null, LabelSelector.parse(selector), FieldSelector.EVERYTHING);
  }

  private static Selection fields(String selector) {
    return new Selection(null, LabelSelector.EVERYTHING, FieldSelector.parse(selector));
  }

  /** Creates objects with random labels in three namespaces, returning what was stored. */
  private static List<StoredObject> populate(Storage storage, int count, long seed) {
    Random random = new Random(seed);
    String[] apps = {"web", "db", "cache", null};
    String[] tiers = {"front", "back", null};
    List<StoredObject> stored = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns-" + (i % 3), "cm-" + i);
      Map<String, String> labels = new HashMap<>();
      String app = apps[random.nextInt(apps.length)];
      String tier = tiers[random.nextInt(tiers.length)];
      if (app != null) {
        labels.put("app", app);
      }
      if (tier != null) {
        labels.put("tier", tier);
      }
      stored.add(await(storage.create(key, doc(key, labels, Map.of("i", i)))));
    }
    return stored;
  }

  private static List<ObjectKey> expected(List<StoredObject> objects, Selection selection) {
    return objects.stream()
        .filter(o -> selection.labels().matches(Documents.labels(o.json())))
        .map(StoredObject::key)
        .sorted(TestObjects::compareKeys)
        .toList();
  }

  @Test
  default void listIsScopedToResourceAndNamespaceAndOrderedByNamespaceThenName() {
    Storage storage = startStorage();
    List<ObjectKey> keys =
        List.of(
            new ObjectKey("configmaps", "b", "z"),
            new ObjectKey("configmaps", "a", "b"),
            new ObjectKey("configmaps", "a", "B"),
            new ObjectKey("configmaps", "a", "a-1"),
            new ObjectKey("configmaps", "a", "a.1"),
            new ObjectKey("configmaps", "a", "a"),
            new ObjectKey("configmaps", "ab", "a"),
            new ObjectKey("secrets", "a", "a"),
            ObjectKey.cluster("namespaces", "a"));
    for (ObjectKey key : keys) {
      await(storage.create(key, doc(key)));
    }
    List<ObjectKey> configmaps =
        keys.stream()
            .filter(k -> k.resource().equals("configmaps"))
            .sorted(Comparator.comparing(ObjectKey::namespace).thenComparing(ObjectKey::name))
            .toList();

    assertThat(items(storage, "configmaps", Selection.ALL))
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(configmaps);
    assertThat(items(storage, "configmaps", Selection.namespace("a")))
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(
            configmaps.stream().filter(k -> k.namespace().equals("a")).toList());
    assertThat(items(storage, "configmaps", Selection.namespace("c"))).isEmpty();
    assertThat(items(storage, "namespaces", Selection.ALL))
        .extracting(StoredObject::key)
        .containsExactly(ObjectKey.cluster("namespaces", "a"));
    assertThat(items(storage, "secrets", Selection.ALL)).hasSize(1);
    assertThat(items(storage, "pods", Selection.ALL)).isEmpty();
  }

  @Test
  default void labelSelectorsSelectWhatFilteringInJavaSelects() {
    Storage storage = startStorage();
    List<StoredObject> stored = populate(storage, 60, 1);
    for (String selector : LABEL_SELECTORS) {
      Selection selection = labels(selector);
      assertThat(items(storage, "configmaps", selection))
          .as("selector %s", selector)
          .extracting(StoredObject::key)
          .containsExactlyElementsOf(expected(stored, selection));
    }
    Selection scoped =
        new Selection("ns-1", LabelSelector.parse("app=web"), FieldSelector.EVERYTHING);
    assertThat(items(storage, "configmaps", scoped))
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(
            expected(stored, scoped).stream().filter(k -> k.namespace().equals("ns-1")).toList());
  }

  @Test
  default void labelSelectorsOnAnOlderVersionSelectOnTheOldLabels() {
    Storage storage = startStorage();
    List<StoredObject> before = populate(storage, 30, 2);
    long rv = await(storage.list(ListOptions.of("configmaps", Selection.ALL))).resourceVersion();
    Random random = new Random(3);
    for (StoredObject o : before) {
      switch (random.nextInt(3)) {
        case 0 ->
            await(
                storage.guaranteedUpdate(
                    o.key(), Preconditions.NONE, c -> withLabels(c.json(), Map.of("app", "web"))));
        case 1 -> await(storage.delete(o.key(), Preconditions.NONE));
        default -> {}
      }
    }
    for (String selector : LABEL_SELECTORS) {
      Selection selection = labels(selector);
      ListResult old =
          await(storage.list(new ListOptions("configmaps", selection, 0, null, rv, true)));
      assertThat(old.resourceVersion()).isEqualTo(rv);
      assertThat(old.items())
          .as("selector %s at %d", selector, rv)
          .extracting(StoredObject::key)
          .containsExactlyElementsOf(expected(before, selection));
    }
  }

  @Test
  default void fieldSelectorsMatchNameNamespaceAndNestedScalars() {
    Storage storage = startStorage();
    List<StoredObject> stored = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ObjectKey key = new ObjectKey("pods", "ns-" + (i % 3), "pod-" + i);
      ObjectNode json = (ObjectNode) tree(doc(key));
      if (i % 4 != 3) {
        json.putObject("spec").put("nodeName", "node-" + (i % 2));
      }
      json.putObject("status").put("phase", i < 5 ? "Running" : "Pending");
      stored.add(await(storage.create(key, json.toString())));
    }
    Map<String, List<String>> cases =
        Map.of(
            "metadata.name=pod-4", List.of("pod-4"),
            "metadata.namespace=ns-2", List.of("pod-2", "pod-5", "pod-8"),
            "metadata.namespace!=ns-2,metadata.name!=pod-0",
                List.of("pod-3", "pod-6", "pod-1", "pod-4", "pod-7"),
            "spec.nodeName=node-1", List.of("pod-1", "pod-5"),
            "spec.nodeName!=node-1,status.phase=Running",
                List.of("pod-0", "pod-2", "pod-3", "pod-4"),
            "spec.nodeName=", List.of("pod-3", "pod-7"));
    for (Map.Entry<String, List<String>> c : cases.entrySet()) {
      List<String> expected =
          stored.stream()
              .map(StoredObject::key)
              .filter(k -> c.getValue().contains(k.name()))
              .sorted(TestObjects::compareKeys)
              .map(ObjectKey::name)
              .toList();
      assertThat(items(storage, "pods", fields(c.getKey())))
          .as("field selector %s", c.getKey())
          .extracting(o -> o.key().name())
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  default void exactListAtAnOlderVersionShowsTheOldState() {
    Storage storage = startStorage();
    ObjectKey a = new ObjectKey("configmaps", "ns", "a");
    ObjectKey b = new ObjectKey("configmaps", "ns", "b");
    ObjectKey c = new ObjectKey("configmaps", "ns", "c");
    await(storage.create(a, doc(a, Map.of(), Map.of("v", "a1"))));
    await(storage.create(b, doc(b, Map.of(), Map.of("v", "b1"))));
    ListResult then = await(storage.list(ListOptions.of("configmaps", Selection.ALL)));
    await(storage.guaranteedUpdate(a, Preconditions.NONE, o -> withData(o.json(), "v", "a2")));
    await(storage.delete(b, Preconditions.NONE));
    await(storage.create(c, doc(c)));
    ListResult now = await(storage.list(ListOptions.of("configmaps", Selection.ALL)));

    ListResult old =
        await(
            storage.list(
                new ListOptions(
                    "configmaps", Selection.ALL, 0, null, then.resourceVersion(), true)));
    assertThat(old.resourceVersion()).isEqualTo(then.resourceVersion());
    assertThat(byKey(old.items())).isEqualTo(byKey(then.items()));
    old.items().forEach(TestObjects::assertStamped);
    assertThat(now.items()).extracting(o -> o.key().name()).containsExactly("a", "c");
    ListResult notOlder =
        await(
            storage.list(
                new ListOptions(
                    "configmaps", Selection.ALL, 0, null, then.resourceVersion(), false)));
    assertThat(notOlder.resourceVersion()).isGreaterThanOrEqualTo(now.resourceVersion());
    assertThat(byKey(notOlder.items())).isEqualTo(byKey(now.items()));
  }

  @Test
  default void listAtAVersionNewerThanAnyCommitFailsAsTooLarge() {
    Storage storage = startStorage();
    ObjectKey a = new ObjectKey("configmaps", "ns", "a");
    long rv = await(storage.create(a, doc(a))).resourceVersion();
    for (boolean exact : new boolean[] {false, true}) {
      assertThatThrownBy(
              () ->
                  await(
                      storage.list(
                          new ListOptions("configmaps", Selection.ALL, 0, null, rv + 1000, exact))))
          .as("exact=%s", exact)
          .isInstanceOf(StorageException.TooLargeResourceVersion.class);
    }
  }

  /**
   * A list longer than one statement reads (its rows come through a cursor, batch by batch): whole
   * and in order, at one version, the same at that exact version after changes, and in pages.
   */
  @Test
  default void aLongListIsWholeInOrderAtOneVersionAndTheSameLaterAtThatVersion() {
    Storage storage = startStorage();
    List<ObjectKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_300; i++) {
      keys.add(new ObjectKey("configmaps", "ns-" + (i % 2), String.format("cm-%04d", i)));
    }
    for (int from = 0; from < keys.size(); from += 100) {
      await(
          Uni.join()
              .all(
                  keys.subList(from, from + 100).stream()
                      .map(k -> storage.create(k, doc(k)))
                      .toList())
              .andFailFast());
    }
    keys.sort(Comparator.comparing(ObjectKey::namespace).thenComparing(ObjectKey::name));

    ListResult whole = await(storage.list(ListOptions.of("configmaps", Selection.ALL)));
    assertThat(whole.items()).extracting(StoredObject::key).containsExactlyElementsOf(keys);
    for (int i = 0; i < 1_300; i += 13) {
      ObjectKey key = keys.get(i);
      if (i % 2 == 0) {
        await(storage.delete(key, Preconditions.NONE));
      } else {
        await(storage.guaranteedUpdate(key, Preconditions.NONE, c -> withData(c.json(), "n", 1)));
      }
    }
    ListResult then =
        await(
            storage.list(
                new ListOptions(
                    "configmaps", Selection.ALL, 0, null, whole.resourceVersion(), true)));
    assertThat(then.items()).isEqualTo(whole.items());

    ListResult first =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 1_100, null, null, false)));
    assertThat(first.items()).hasSize(1_100);
    assertThat(first.remainingItemCount()).isEqualTo(1_300 - 50 - 1_100);
    ListResult rest =
        await(
            storage.list(
                new ListOptions(
                    "configmaps", Selection.ALL, 1_100, first.continueToken(), null, false)));
    assertThat(rest.continueToken()).isNull();
    assertThat(rest.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(rest.items()).hasSize(1_300 - 50 - 1_100);
  }
}

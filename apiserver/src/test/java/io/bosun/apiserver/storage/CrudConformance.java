package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.assertStamped;
import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.tree;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static io.bosun.apiserver.storage.TestObjects.withoutResourceVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Create, get, update and delete: round trips, resource versions and typed errors. */
interface CrudConformance extends StorageHarness {
  ObjectKey CM = new ObjectKey("configmaps", "default", "app-config");

  /** Every kind of JSON value, in places storage knows nothing about. */
  String RICH =
      """
      {"apiVersion":"example.io/v1","kind":"Widget",
       "metadata":{"name":"app-config","namespace":"default","uid":"u-1",
         "labels":{"app":"web"},"annotations":{"note":"é ✓ 日本語 🚀"},
         "finalizers":["a/b"],"unknownMeta":{"x":[1,2]}},
       "spec":{"ratio":1.5,"big":10000000000,"negative":-7,"zero":0,"flag":true,"off":false,
         "nothing":null,"empty":{},"none":[],"text":"quote \\" backslash \\\\ newline \\n tab \\t",
         "nested":{"deeper":{"deepest":[{"a":1},{"b":[true,null,"s"]}]}}},
       "x-unknown-top-level":"kept"}
      """;

  @Test
  default void createdDocumentComesBackWithEveryFieldAndItsResourceVersion() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, RICH));

    assertThat(created.key()).isEqualTo(CM);
    assertStamped(created);
    assertThat(withoutResourceVersion(created.json())).isEqualTo(tree(RICH));
    StoredObject read = await(storage.get(CM));
    assertThat(read.resourceVersion()).isEqualTo(created.resourceVersion());
    assertStamped(read);
    assertThat(withoutResourceVersion(read.json())).isEqualTo(tree(RICH));
    assertThat(tree(read.json()).at("/spec/big").asLong()).isEqualTo(10_000_000_000L);
    assertThat(tree(read.json()).at("/spec/ratio").asDouble()).isEqualTo(1.5);
    StoredObject listed =
        await(storage.list(ListOptions.of("configmaps", Selection.ALL))).items().get(0);
    assertThat(tree(listed.json())).isEqualTo(tree(read.json()));
  }

  @Test
  default void documentWithoutMetadataGetsAResourceVersion() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, "{\"kind\":\"Bare\"}"));
    assertStamped(created);
    assertStamped(await(storage.get(CM)));
  }

  @Test
  default void guaranteedUpdateStoresTheNewDocumentAtANewerVersion() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, RICH));
    StoredObject updated =
        await(
            storage.guaranteedUpdate(
                CM, Preconditions.NONE, current -> withData(current.json(), "k", "v")));

    assertThat(updated.resourceVersion()).isGreaterThan(created.resourceVersion());
    assertStamped(updated);
    assertThat(tree(updated.json()).at("/data/k").asText()).isEqualTo("v");
    assertThat(tree(updated.json()).at("/spec/nested")).isEqualTo(tree(RICH).at("/spec/nested"));
    assertThat(tree(await(storage.get(CM)).json())).isEqualTo(tree(updated.json()));
  }

  @Test
  default void updateThatChangesNothingWritesNothing() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, doc(CM)));
    StoredObject same = await(storage.guaranteedUpdate(CM, Preconditions.NONE, StoredObject::json));
    assertThat(same.resourceVersion()).isEqualTo(created.resourceVersion());
    assertThat(await(storage.get(CM)).resourceVersion()).isEqualTo(created.resourceVersion());
  }

  @Test
  default void deleteReturnsTheLastStateStampedWithTheDeletionsVersion() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, RICH));
    StoredObject deleted = await(storage.delete(CM, Preconditions.NONE));

    assertThat(deleted.resourceVersion()).isGreaterThan(created.resourceVersion());
    assertStamped(deleted);
    assertThat(withoutResourceVersion(deleted.json())).isEqualTo(tree(RICH));
    assertThatThrownBy(() -> await(storage.get(CM))).isInstanceOf(StorageException.NotFound.class);
  }

  @Test
  default void resourceVersionsIncreaseStrictlyAcrossResourcesAndNamespaces() {
    Storage storage = startStorage();
    long start = storage.currentResourceVersion();
    List<Long> versions = new ArrayList<>();
    String[] resources = {"configmaps", "secrets", "widgets.example.io"};
    String[] namespaces = {"a", "b", ""};
    for (int i = 0; i < 12; i++) {
      ObjectKey key = new ObjectKey(resources[i % 3], namespaces[(i / 3) % 3], "n" + i);
      versions.add(await(storage.create(key, doc(key))).resourceVersion());
      versions.add(
          await(storage.guaranteedUpdate(key, Preconditions.NONE, c -> withData(c.json(), "i", 1)))
              .resourceVersion());
    }
    versions.add(
        await(storage.delete(new ObjectKey("secrets", "a", "n1"), Preconditions.NONE))
            .resourceVersion());

    assertThat(versions.get(0)).isGreaterThan(start);
    assertThat(versions).isSorted().doesNotHaveDuplicates();
    long last = versions.get(versions.size() - 1);
    Awaitility.await("currentResourceVersion reaches " + last)
        .atMost(Duration.ofSeconds(5))
        .until(() -> storage.currentResourceVersion() >= last);
    ListResult list = await(storage.list(ListOptions.of("configmaps", Selection.ALL)));
    assertThat(list.resourceVersion()).isGreaterThanOrEqualTo(last);
  }

  @Test
  default void missingObjectsAreNotFound() {
    Storage storage = startStorage();
    assertThatThrownBy(() -> await(storage.get(CM))).isInstanceOf(StorageException.NotFound.class);
    assertThatThrownBy(() -> await(storage.delete(CM, Preconditions.NONE)))
        .isInstanceOf(StorageException.NotFound.class);
    assertThatThrownBy(
            () -> await(storage.guaranteedUpdate(CM, Preconditions.NONE, StoredObject::json)))
        .isInstanceOf(StorageException.NotFound.class);
  }

  @Test
  default void creatingAnExistingObjectFailsWithAlreadyExistsAndChangesNothing() {
    Storage storage = startStorage();
    StoredObject first = await(storage.create(CM, doc(CM, Map.of(), Map.of("v", "1"))));
    assertThatThrownBy(() -> await(storage.create(CM, doc(CM, Map.of(), Map.of("v", "2")))))
        .isInstanceOf(StorageException.AlreadyExists.class);
    StoredObject now = await(storage.get(CM));
    assertThat(now.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(tree(now.json()).at("/data/v").asText()).isEqualTo("1");
  }

  @Test
  default void staleResourceVersionPreconditionIsAConflict() {
    Storage storage = startStorage();
    StoredObject created = await(storage.create(CM, doc(CM)));
    StoredObject updated =
        await(storage.guaranteedUpdate(CM, Preconditions.NONE, c -> withData(c.json(), "a", 1)));
    Preconditions stale = Preconditions.resourceVersion(created.resourceVersion());

    assertThatThrownBy(
            () -> await(storage.guaranteedUpdate(CM, stale, c -> withData(c.json(), "b", 2))))
        .isInstanceOf(StorageException.Conflict.class);
    assertThatThrownBy(() -> await(storage.delete(CM, stale)))
        .isInstanceOf(StorageException.Conflict.class);
    assertThat(await(storage.get(CM)).resourceVersion()).isEqualTo(updated.resourceVersion());
    StoredObject deleted =
        await(storage.delete(CM, Preconditions.resourceVersion(updated.resourceVersion())));
    assertThat(deleted.resourceVersion()).isGreaterThan(updated.resourceVersion());
  }

  @Test
  default void uidPreconditionOfAnotherObjectIsAConflict() {
    Storage storage = startStorage();
    await(storage.create(CM, doc(CM)));
    Preconditions otherUid = new Preconditions("someone-else", null);

    assertThatThrownBy(
            () -> await(storage.guaranteedUpdate(CM, otherUid, c -> withData(c.json(), "b", 2))))
        .isInstanceOf(StorageException.Conflict.class);
    assertThatThrownBy(() -> await(storage.delete(CM, otherUid)))
        .isInstanceOf(StorageException.Conflict.class);
    await(storage.get(CM));
    await(storage.delete(CM, new Preconditions("uid-" + CM, null)));
  }
}

package io.bosun.apiserver.storage;

import static io.bosun.apiserver.storage.TestObjects.await;
import static io.bosun.apiserver.storage.TestObjects.byKey;
import static io.bosun.apiserver.storage.TestObjects.doc;
import static io.bosun.apiserver.storage.TestObjects.withData;
import static io.bosun.apiserver.storage.TestObjects.withLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code limit}/{@code continue}: pages at one stable version, whatever happens in between. */
interface PaginationConformance extends StorageHarness {

  /** Creates 30 objects over three namespaces, half of them labelled {@code app=web}. */
  private static void populate(Storage storage) {
    for (int i = 0; i < 30; i++) {
      ObjectKey key = new ObjectKey("configmaps", "ns-" + (i % 3), String.format("cm-%02d", i));
      await(storage.create(key, doc(key, i % 2 == 0 ? Map.of("app", "web") : Map.of(), Map.of())));
    }
  }

  /** Creates, modifies and deletes objects all over the key space (before and after any page). */
  private static void churn(Storage storage, Random random, int round) {
    for (int i = 0; i < 3; i++) {
      ObjectKey fresh =
          new ObjectKey("configmaps", "ns-" + random.nextInt(4), "new-" + round + "-" + i);
      await(storage.create(fresh, doc(fresh, Map.of("app", "web"), Map.of())));
    }
    List<StoredObject> now =
        await(storage.list(ListOptions.of("configmaps", Selection.ALL))).items();
    StoredObject victim = now.get(random.nextInt(now.size()));
    await(storage.delete(victim.key(), Preconditions.NONE));
    StoredObject changed = now.get(random.nextInt(now.size()));
    if (!changed.key().equals(victim.key())) {
      await(
          storage.guaranteedUpdate(
              changed.key(),
              Preconditions.NONE,
              c -> withLabels(withData(c.json(), "round", round), Map.of("app", "db"))));
    }
  }

  /** Reads every page, churning between pages, and checks the pages against {@code whole}. */
  private static void assertPagesConsistent(
      Storage storage, Selection selection, int limit, boolean counted) {
    ListResult whole = await(storage.list(ListOptions.of("configmaps", selection)));
    ListResult page =
        await(storage.list(new ListOptions("configmaps", selection, limit, null, null, false)));
    assertThat(page.resourceVersion()).isEqualTo(whole.resourceVersion());
    List<StoredObject> all = new ArrayList<>(page.items());
    Random random = new Random(limit);
    int round = 0;
    while (page.continueToken() != null) {
      assertThat(page.items()).hasSize(limit);
      if (counted) {
        assertThat(page.remainingItemCount())
            .as("remainingItemCount after %d items", all.size())
            .isEqualTo((long) whole.items().size() - all.size());
      } else {
        assertThat(page.remainingItemCount()).isNull();
      }
      churn(storage, random, round++);
      page =
          await(
              storage.list(
                  new ListOptions(
                      "configmaps", selection, limit, page.continueToken(), null, false)));
      assertThat(page.resourceVersion()).isEqualTo(whole.resourceVersion());
      all.addAll(page.items());
    }
    assertThat(round).isGreaterThan(1);
    assertThat(all)
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(whole.items().stream().map(StoredObject::key).toList());
    assertThat(byKey(all)).isEqualTo(byKey(whole.items()));
  }

  @Test
  default void pagesAreConsistentAtTheFirstPagesVersionDespiteWritesBetweenPages() {
    Storage storage = startStorage();
    populate(storage);
    assertPagesConsistent(storage, Selection.ALL, 7, true);
  }

  @Test
  default void pagesOfANamespaceAreConsistentAndCounted() {
    Storage storage = startStorage();
    populate(storage);
    assertPagesConsistent(storage, Selection.namespace("ns-1"), 3, true);
  }

  @Test
  default void pagesOfALabelSelectionAreConsistentAndNotCounted() {
    Storage storage = startStorage();
    populate(storage);
    assertPagesConsistent(
        storage,
        new Selection(null, LabelSelector.parse("app=web"), FieldSelector.EVERYTHING),
        4,
        false);
  }

  @Test
  default void lastPageHasNoContinueTokenAndAnExactFitNeedsNoExtraPage() {
    Storage storage = startStorage();
    populate(storage);
    ListResult page =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 30, null, null, false)));
    assertThat(page.items()).hasSize(30);
    assertThat(page.continueToken()).isNull();
    ListResult more =
        await(storage.list(new ListOptions("configmaps", Selection.ALL, 100, null, null, false)));
    assertThat(more.items()).hasSize(30);
    assertThat(more.continueToken()).isNull();
  }
}

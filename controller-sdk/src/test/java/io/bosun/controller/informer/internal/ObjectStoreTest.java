package io.bosun.controller.informer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {
  private static ObjectStore.Entry entry(String rv, Map<String, List<String>> index) {
    return new ObjectStore.Entry(new byte[] {'{', '}'}, rv, index);
  }

  @Test
  void indexesByNamespaceAndByCustomValuesAndForgetsOldValues() {
    ObjectStore store = new ObjectStore();
    store.declareIndex("team");
    store.put("a/x", entry("1", Map.of("team", List.of("red"))));
    store.put("b/y", entry("2", Map.of("team", List.of("red", "blue"))));
    store.put("cluster-wide", entry("3", null));

    assertThat(store.keysByIndex("namespace", "a")).containsExactly("a/x");
    assertThat(store.keysByIndex("namespace", "")).containsExactly("cluster-wide");
    assertThat(store.keysByIndex("team", "red")).containsExactlyInAnyOrder("a/x", "b/y");

    store.put("a/x", entry("4", Map.of("team", List.of("blue"))));
    assertThat(store.keysByIndex("team", "red")).containsExactly("b/y");
    assertThat(store.keysByIndex("team", "blue")).containsExactlyInAnyOrder("a/x", "b/y");

    store.remove("b/y");
    assertThat(store.keysByIndex("team", "blue")).containsExactly("a/x");
    assertThat(store.keysByIndex("namespace", "b")).isEmpty();
    assertThat(store.size()).isEqualTo(2);
  }
}

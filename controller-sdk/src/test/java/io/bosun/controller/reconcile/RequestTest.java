package io.bosun.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestTest {

  @Test
  void printsAsTheKubernetesKey() {
    assertThat(Request.of("shop", "web")).hasToString("shop/web");
    assertThat(Request.clusterScoped("node-1")).hasToString("node-1");
  }

  @Test
  void parsesNamespacedAndClusterScopedKeys() {
    assertThat(Request.parse("shop/web")).isEqualTo(Request.of("shop", "web"));
    assertThat(Request.parse("node-1")).isEqualTo(Request.clusterScoped("node-1"));
    assertThat(Request.parse("node-1").isClusterScoped()).isTrue();
  }

  @Test
  void isEqualForTheSameNamespaceAndName() {
    assertThat(Request.of("a", "b"))
        .isEqualTo(Request.of("a", "b"))
        .hasSameHashCodeAs(Request.of("a", "b"));
    assertThat(Request.of("a", "b")).isNotEqualTo(Request.of("b", "b"));
  }

  @Test
  void rejectsAnEmptyNameAndMalformedKeys() {
    assertThatThrownBy(() -> Request.of("shop", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Request.parse("a/b/c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Request.parse("shop/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Request.of(null, "x")).isInstanceOf(NullPointerException.class);
  }
}

package io.bosun.controller.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class OwnerReferencesTest {

  private static Deployment deployment(String namespace, String name, String uid) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .build();
  }

  private static ConfigMap configMap(String namespace) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("cm")
        .endMetadata()
        .build();
  }

  @Test
  void aControllerReferenceNamesTheOwnerAndBlocksItsDeletion() {
    Deployment owner = deployment("web", "site", "uid-1");
    owner.setApiVersion(null); // as objects in a list arrive: the class supplies it
    owner.setKind(null);

    OwnerReference reference = OwnerReferences.controllerOf(owner);

    assertThat(reference.getApiVersion()).isEqualTo("apps/v1");
    assertThat(reference.getKind()).isEqualTo("Deployment");
    assertThat(reference.getName()).isEqualTo("site");
    assertThat(reference.getUid()).isEqualTo("uid-1");
    assertThat(reference.getController()).isTrue();
    assertThat(reference.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void setsTheControllerOnceAndRefusesASecondController() {
    Deployment owner = deployment("web", "site", "uid-1");
    ConfigMap child = configMap("web");

    OwnerReferences.setController(owner, child);
    OwnerReferences.setController(owner, child); // the same owner again: replaced, not doubled

    assertThat(child.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(OwnerReferences.isControlledBy(child, owner)).isTrue();
    assertThatThrownBy(
            () -> OwnerReferences.setController(deployment("web", "other", "uid-2"), child))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already controlled by Deployment site");
    OwnerReferences.addOwner(deployment("web", "other", "uid-2"), child);
    assertThat(child.getMetadata().getOwnerReferences()).hasSize(2);
  }

  @Test
  void checksKubernetesOwnershipRules() {
    assertThatThrownBy(() -> OwnerReferences.controllerOf(deployment("web", "site", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uid");
    assertThatThrownBy(
            () -> OwnerReferences.setController(deployment("web", "site", "u"), configMap("db")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
    Namespace clusterScoped =
        new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build();
    assertThatThrownBy(
            () -> OwnerReferences.setController(deployment("web", "site", "u"), clusterScoped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster-scoped");
    Namespace owner =
        new NamespaceBuilder().withNewMetadata().withName("ns").withUid("n").endMetadata().build();
    assertThat(
            OwnerReferences.isControlledBy(
                OwnerReferences.setController(owner, configMap("web")), owner))
        .isTrue();
  }
}

package io.bosun.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.ResourceDescriptor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import org.junit.jupiter.api.Test;

class CustomResourceKindsTest {

  @Test
  void anEstablishedDefinitionGivesItsKindAtTheStorageVersion() {
    ResourceDescriptor<GenericKubernetesResource> widgets =
        CustomResourceKinds.descriptor(definition("True")).orElseThrow();
    assertThat(widgets.apiVersion()).isEqualTo("example.com/v2");
    assertThat(widgets.kind()).isEqualTo("Widget");
    assertThat(widgets.plural()).isEqualTo("widgets");
    assertThat(widgets.namespaced()).isTrue();
  }

  @Test
  void aDefinitionNotYetEstablishedGivesNothing() {
    assertThat(CustomResourceKinds.descriptor(definition("False"))).isEmpty();
  }

  private static CustomResourceDefinition definition(String established) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("widgets.example.com")
        .endMetadata()
        .withNewSpec()
        .withGroup("example.com")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("Widget")
        .withPlural("widgets")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(false)
        .endVersion()
        .addNewVersion()
        .withName("v2")
        .withServed(true)
        .withStorage(true)
        .endVersion()
        .endSpec()
        .withNewStatus()
        .addNewCondition()
        .withType("Established")
        .withStatus(established)
        .endCondition()
        .endStatus()
        .build();
  }
}

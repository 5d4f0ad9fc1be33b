package io.bosun.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.apply.MergeType;
import io.bosun.apiserver.apply.MergeType.ListKind;
import io.bosun.apiserver.apply.MergeType.ListOf;
import io.bosun.apiserver.apply.MergeType.Struct;
import org.junit.jupiter.api.Test;

/** The built-in kinds merge their lists and maps as Kubernetes' OpenAPI says. */
class BuiltinMergeTypesTest {
  private static final KindRegistry REGISTRY = KindRegistry.builtin();

  private static MergeType root(String group, String resource) {
    ResourceType type = REGISTRY.find(group, "v1", resource).orElseThrow();
    return MergeType.root(type.schema(), Schemas.OBJECT_META);
  }

  /** Follows field names; {@code []} steps into list items. */
  private static MergeType at(MergeType type, String... path) {
    for (String step : path) {
      type = step.equals("[]") ? ((ListOf) type).items() : ((Struct) type).field(step);
    }
    return type;
  }

  @Test
  void podTemplateListsAreKeyedAsInKubernetes() {
    MergeType podSpec = at(root("apps", "deployments"), "spec", "template", "spec");

    ListOf containers = (ListOf) at(podSpec, "containers");
    assertThat(containers.kind()).isEqualTo(ListKind.MAP);
    assertThat(containers.keys()).containsExactly("name");
    ListOf ports = (ListOf) at(containers, "[]", "ports");
    assertThat(ports.keys()).containsExactly("containerPort", "protocol");
    assertThat(ports.keyDefault("protocol").asText()).isEqualTo("TCP");
    assertThat(((ListOf) at(containers, "[]", "env")).keys()).containsExactly("name");
    assertThat(((ListOf) at(containers, "[]", "volumeMounts")).keys()).containsExactly("mountPath");
    assertThat(((ListOf) at(containers, "[]", "args")).kind()).isEqualTo(ListKind.ATOMIC);
    assertThat(((ListOf) at(podSpec, "volumes")).keys()).containsExactly("name");
    assertThat(((ListOf) at(podSpec, "tolerations")).kind()).isEqualTo(ListKind.ATOMIC);
    assertThat(((Struct) at(podSpec, "nodeSelector")).atomic()).isTrue();
  }

  @Test
  void selectorsAreAtomicAndMetadataListsAreKeyed() {
    MergeType deployment = root("apps", "deployments");

    assertThat(((Struct) at(deployment, "spec", "selector")).atomic()).isTrue();
    assertThat(((ListOf) at(deployment, "metadata", "finalizers")).kind()).isEqualTo(ListKind.SET);
    assertThat(((ListOf) at(deployment, "metadata", "ownerReferences")).keys())
        .containsExactly("uid");
    assertThat(((ListOf) at(deployment, "status", "conditions")).keys()).containsExactly("type");
    assertThat(((Struct) at(deployment, "spec", "template", "metadata", "labels")).atomic())
        .isFalse();
  }

  @Test
  void servicePortsAreKeyedByPortAndProtocol() {
    MergeType service = root("", "services");

    assertThat(((ListOf) at(service, "spec", "ports")).keys()).containsExactly("port", "protocol");
    assertThat(((Struct) at(service, "spec", "selector")).atomic()).isTrue();
    assertThat(at(service, "spec", "ports", "[]", "targetPort")).isEqualTo(MergeType.SCALAR);
  }

  @Test
  void configMapDataIsAGranularMap() {
    Struct data = (Struct) at(root("", "configmaps"), "data");

    assertThat(data.atomic()).isFalse();
    assertThat(data.declares("anything")).isFalse();
  }
}

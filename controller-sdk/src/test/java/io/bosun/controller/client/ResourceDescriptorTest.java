package io.bosun.controller.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResourceDescriptorTest {

  /** A custom resource class, as a user writes one. */
  @Group("example.com")
  @Version("v1alpha1")
  @Plural("widgets")
  public static final class Widget
      implements io.fabric8.kubernetes.api.model.HasMetadata, Namespaced {
    private ObjectMeta metadata;

    @Override
    public ObjectMeta getMetadata() {
      return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
      this.metadata = metadata;
    }

    @Override
    public void setApiVersion(String version) {}
  }

  @Test
  void describesBuiltInKindsFromTheirModelClasses() {
    ResourceDescriptor<Deployment> deployments = ResourceDescriptor.of(Deployment.class);
    assertThat(deployments.group()).isEqualTo("apps");
    assertThat(deployments.version()).isEqualTo("v1");
    assertThat(deployments.apiVersion()).isEqualTo("apps/v1");
    assertThat(deployments.kind()).isEqualTo("Deployment");
    assertThat(deployments.plural()).isEqualTo("deployments");
    assertThat(deployments.namespaced()).isTrue();

    ResourceDescriptor<Namespace> namespaces = ResourceDescriptor.of(Namespace.class);
    assertThat(namespaces.group()).isEmpty();
    assertThat(namespaces.apiVersion()).isEqualTo("v1");
    assertThat(namespaces.namespaced()).isFalse();

    assertThat(ResourceDescriptor.of(Endpoints.class).plural()).isEqualTo("endpoints");
  }

  @Test
  void describesCustomResourceClassesFromTheirAnnotations() {
    ResourceDescriptor<Widget> widgets = ResourceDescriptor.of(Widget.class);

    assertThat(widgets.apiVersion()).isEqualTo("example.com/v1alpha1");
    assertThat(widgets.kind()).isEqualTo("Widget");
    assertThat(widgets.plural()).isEqualTo("widgets");
    assertThat(widgets.namespaced()).isTrue();
  }

  @Test
  void describesUntypedKindsExplicitly() {
    ResourceDescriptor<ObjectNode> things =
        ResourceDescriptor.untyped("example.com/v1", "Thing", "things", false);

    assertThat(things.group()).isEqualTo("example.com");
    assertThat(things.namespaced()).isFalse();
    assertThat(things.asUntyped()).isEqualTo(things);
    assertThat(ResourceDescriptor.of(ConfigMap.class).asUntyped())
        .isEqualTo(ResourceDescriptor.untyped("v1", "ConfigMap", "configmaps", true));
    assertThatThrownBy(() -> ResourceDescriptor.untyped("v1", "Thing", "a/b", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void convertsObjectsToAndFromJson() {
    ResourceDescriptor<ConfigMap> configMaps = ResourceDescriptor.of(ConfigMap.class);
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("x")
            .endMetadata()
            .addToData("k", "v")
            .build();

    ObjectNode tree = configMaps.toTree(cm);
    assertThat(tree.path("data").path("k").asText()).isEqualTo("v");
    assertThat(configMaps.fromTree(tree)).isEqualTo(cm);
    assertThat(configMaps.read(tree.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(cm);
  }
}

package io.bosun.controller.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.reconcile.Request;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

class RequestMapperTest {

  private static OwnerReference owner(
      String apiVersion, String kind, String name, Boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid("uid-" + name)
        .withController(controller)
        .build();
  }

  private static ReplicaSet replicaSet(OwnerReference... owners) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName("web-5d8f")
        .withOwnerReferences(owners)
        .endMetadata()
        .build();
  }

  @Test
  void selfMapsAnObjectToItsOwnRequest() {
    assertThat(RequestMapper.<ReplicaSet>self().map(replicaSet()))
        .containsExactly(Request.of("shop", "web-5d8f"));
    Node node = new Node();
    node.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    node.getMetadata().setName("node-1");
    assertThat(RequestMapper.<Node>self().map(node))
        .containsExactly(Request.clusterScoped("node-1"));
  }

  @Test
  void controllerOwnerMapsToTheControllingOwnerOfThePrimaryKind() {
    RequestMapper<ReplicaSet> toDeployment = RequestMapper.controllerOwner(Deployment.class);

    assertThat(toDeployment.map(replicaSet(owner("apps/v1", "Deployment", "web", true))))
        .containsExactly(Request.of("shop", "web"));
  }

  @Test
  void controllerOwnerIgnoresNonControllingOwnersAndOtherKindsOrGroups() {
    RequestMapper<ReplicaSet> toDeployment = RequestMapper.controllerOwner(Deployment.class);

    assertThat(toDeployment.map(replicaSet(owner("apps/v1", "Deployment", "web", false))))
        .isEmpty();
    assertThat(toDeployment.map(replicaSet(owner("apps/v1", "Deployment", "web", null)))).isEmpty();
    assertThat(toDeployment.map(replicaSet(owner("apps/v1", "StatefulSet", "db", true)))).isEmpty();
    assertThat(toDeployment.map(replicaSet(owner("example.com/v1", "Deployment", "x", true))))
        .isEmpty();
    assertThat(toDeployment.map(replicaSet())).isEmpty();
    assertThat(
            toDeployment.map(
                replicaSet(
                    owner("apps/v1", "Deployment", "old", false),
                    owner("apps/v1", "Deployment", "web", true))))
        .containsExactly(Request.of("shop", "web"));
  }

  @Test
  void controllerOwnerOfACoreOrClusterScopedKindUsesTheRightGroupAndScope() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("web-5d8f-x1")
            .withOwnerReferences(owner("v1", "Node", "node-1", true))
            .endMetadata()
            .build();

    assertThat(RequestMapper.<Pod>controllerOwner(Node.class).map(pod))
        .containsExactly(Request.clusterScoped("node-1"));
    assertThat(RequestMapper.<Pod>controllerOwner(ReplicaSet.class).map(pod)).isEmpty();
  }
}

package io.bosun.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controllers.Kubectl;
import io.bosun.controllers.RunningControllers;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection across custom resources, driven by the real kubectl: a custom resource owns a
 * ConfigMap, and a ConfigMap owns a custom resource, both ways with {@code kubectl delete}.
 */
@BosunTest
class KubectlGarbageCollectionIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.gc.bosun.test
      spec:
        group: gc.bosun.test
        scope: Namespaced
        names: {plural: gadgets, singular: gadget, kind: Gadget}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              x-kubernetes-preserve-unknown-fields: true
      """;

  @Test
  void dependentsOfCustomResourcesAndCustomResourceDependentsAreCollected(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Kubectl kubectl = new Kubectl(server, ns.name());
      kubectl.apply("crd.yaml", CRD);
      kubectl.ok("wait", "--for=condition=Established", "crd/gadgets.gc.bosun.test");

      // A Gadget owns a ConfigMap: deleting the Gadget (background) deletes the ConfigMap.
      kubectl.apply("owner.yaml", gadget("owner", ""));
      String ownerUid = uid(kubectl, "gadget", "owner");
      kubectl.apply(
          "dependent.yaml",
          configMap("dependent", owned("gc.bosun.test/v1", "Gadget", "owner", ownerUid)));
      assertThat(kubectl.ok("delete", "gadget", "owner"))
          .contains("gadget.gc.bosun.test \"owner\" deleted");
      awaitGone(kubectl, "configmap", "dependent");

      // A ConfigMap owns a Gadget: a foreground delete removes the Gadget before the ConfigMap.
      kubectl.apply("parent.yaml", configMap("parent", ""));
      String parentUid = uid(kubectl, "configmap", "parent");
      kubectl.apply("child.yaml", gadget("child", owned("v1", "ConfigMap", "parent", parentUid)));
      assertThat(kubectl.ok("delete", "configmap", "parent", "--cascade=foreground"))
          .contains("configmap \"parent\" deleted");
      // kubectl waits until the parent is gone, and foreground deletion takes the child first.
      assertThat(kubectl.run("get", "gadget", "child").err()).contains("NotFound");
      assertThat(kubectl.run("get", "configmap", "parent").err()).contains("NotFound");
    }
  }

  private static String uid(Kubectl kubectl, String kind, String name) throws Exception {
    return kubectl.ok("get", kind, name, "-o", "jsonpath={.metadata.uid}").trim();
  }

  private static void awaitGone(Kubectl kubectl, String kind, String name) {
    await().atMost(WAIT).until(() -> kubectl.run("get", kind, name).err().contains("NotFound"));
  }

  private static String owned(String apiVersion, String kind, String name, String uid) {
    return """
          ownerReferences:
          - {apiVersion: %s, kind: %s, name: %s, uid: %s, blockOwnerDeletion: true}
        """
        .formatted(apiVersion, kind, name, uid);
  }

  private static String gadget(String name, String owners) {
    return """
        apiVersion: gc.bosun.test/v1
        kind: Gadget
        metadata:
          name: %s
        %sspec: {size: small}
        """
        .formatted(name, owners);
  }

  private static String configMap(String name, String owners) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
        %sdata: {k: v}
        """
        .formatted(name, owners);
  }
}

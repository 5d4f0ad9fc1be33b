package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Subresource;

/** The core/v1 kinds around pods: pods, pod templates, replication controllers and services. */
final class CoreWorkloadKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CoreWorkloadKinds() {}

  static ResourceType pods() {
    return ResourceType.builder("", "v1", "Pod", "pods")
        .returnsDeletedObject()
        .shortNames("po")
        .categories("all")
        .statusSubresource()
        .subresource(Subresource.BINDING)
        .subresource(Subresource.EVICTION)
        .subresource(Subresource.LOG)
        .strategy(
            KindStrategy.builder()
                .initialStatus(NODES.objectNode().put("phase", "Pending"))
                .defaults(Defaults::pod)
                .admitCreate(DefaultTolerationSeconds::admit)
                .gracePeriod(CoreWorkloadKinds::podGracePeriod)
                .build())
        .schema(WorkloadSchemas.pod("Pod is a collection of containers that can run on a host."))
        .columns(PodColumns.PODS)
        .build();
  }

  static ResourceType podTemplates() {
    return ResourceType.builder("", "v1", "PodTemplate", "podtemplates")
        .strategy(KindStrategy.builder().defaults(Defaults::podTemplate).build())
        .schema(
            WorkloadSchemas.podTemplate(
                "PodTemplate describes a template for creating copies of a predefined pod."))
        .columns(WorkloadColumns.POD_TEMPLATES)
        .build();
  }

  static ResourceType replicationControllers() {
    return ResourceType.builder("", "v1", "ReplicationController", "replicationcontrollers")
        .shortNames("rc")
        .categories("all")
        .statusSubresource()
        .scaleSubresource()
        .tracksGeneration()
        .strategy(
            KindStrategy.builder()
                .initialStatus(NODES.objectNode().put("replicas", 0))
                .defaults(Defaults::replicationController)
                .validate(WorkloadValidation::validateController)
                .build())
        .schema(
            WorkloadSchemas.replicationController(
                "ReplicationController represents the configuration of a replication"
                    + " controller."))
        .columns(WorkloadColumns.REPLICATION_CONTROLLERS)
        .build();
  }

  static ResourceType services() {
    return ResourceType.builder("", "v1", "Service", "services")
        .shortNames("svc")
        .categories("all")
        .statusSubresource()
        .strategy(
            KindStrategy.builder()
                .initialStatus(
                    (ObjectNode) NODES.objectNode().set("loadBalancer", NODES.objectNode()))
                .defaults(Defaults::service)
                .build())
        .schema(
            WorkloadSchemas.service(
                "Service is a named abstraction of software service (for example, mysql)."))
        .columns(NetworkColumns.SERVICES)
        .build();
  }

  static ResourceType endpoints() {
    return ResourceType.builder("", "v1", "Endpoints", "endpoints")
        .singular("endpoints")
        .shortNames("ep")
        .schema(
            KindSchemas.of(
                "Endpoints is a collection of endpoints that implement the actual service.",
                "subsets:array"))
        .columns(NetworkColumns.ENDPOINTS)
        .build();
  }

  /**
   * A pod's deletion waits for its node to stop it: the grace period asked for, else the pod's
   * terminationGracePeriodSeconds; none when no node runs it or it has finished (kube's rule).
   */
  static long podGracePeriod(ObjectNode pod, Long requested) {
    String phase = pod.path("status").path("phase").asText("");
    if (pod.path("spec").path("nodeName").asText("").isEmpty()
        || phase.equals("Succeeded")
        || phase.equals("Failed")) {
      return 0;
    }
    long grace =
        requested != null
            ? requested
            : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    // A negative period means "as soon as possible" but still through the node.
    return grace < 0 ? 1 : grace;
  }
}

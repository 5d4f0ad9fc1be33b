package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.core.api.FieldError;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The apps/v1 kinds: deployments, replica sets, stateful sets, daemon sets and revisions. */
public final class AppsKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Function<ObjectNode, List<FieldError>> WORKLOAD =
      WorkloadValidation::validate;

  private AppsKinds() {}

  /** Every apps/v1 resource, in kube-apiserver's order. */
  public static List<ResourceType> all() {
    return List.of(
        controllerRevisions(),
        workload("DaemonSet", "daemonsets", "ds", false, Defaults::daemonSet, WORKLOAD)
            .schema(
                WorkloadSchemas.daemonSet(
                    "DaemonSet represents the configuration of a daemon set."))
            .columns(WorkloadColumns.DAEMON_SETS)
            .build(),
        workload(
                "Deployment",
                "deployments",
                "deploy",
                true,
                Defaults::deployment,
                DeploymentValidation::validate)
            .schema(
                WorkloadSchemas.deployment(
                    "Deployment enables declarative updates for Pods and ReplicaSets."))
            .columns(WorkloadColumns.DEPLOYMENTS)
            .build(),
        workload("ReplicaSet", "replicasets", "rs", true, Defaults::replicaSet, WORKLOAD)
            .schema(
                WorkloadSchemas.replicaSet(
                    "ReplicaSet ensures that a specified number of pod replicas are running."))
            .columns(WorkloadColumns.REPLICA_SETS)
            .build(),
        workload("StatefulSet", "statefulsets", "sts", true, Defaults::statefulSet, WORKLOAD)
            .schema(
                WorkloadSchemas.statefulSet(
                    "StatefulSet represents a set of pods with consistent identities."))
            .columns(WorkloadColumns.STATEFUL_SETS)
            .build());
  }

  private static ResourceType.Builder workload(
      String kind,
      String resource,
      String shortName,
      boolean scale,
      Consumer<ObjectNode> defaults,
      Function<ObjectNode, List<FieldError>> validate) {
    ResourceType.Builder builder =
        ResourceType.builder("apps", "v1", kind, resource)
            .shortNames(shortName)
            .categories("all")
            .statusSubresource()
            .tracksGeneration()
            .strategy(
                KindStrategy.builder()
                    .initialStatus(NODES.objectNode())
                    .defaults(defaults)
                    .validate(validate)
                    .validateUpdate(WorkloadValidation::immutableSelector)
                    .build());
    return scale ? builder.scaleSubresource() : builder;
  }

  private static ResourceType controllerRevisions() {
    return ResourceType.builder("apps", "v1", "ControllerRevision", "controllerrevisions")
        .schema(
            KindSchemas.of(
                "ControllerRevision is an immutable snapshot of state data.",
                "data",
                "revision:integer"))
        .columns(WorkloadColumns.CONTROLLER_REVISIONS)
        .build();
  }
}

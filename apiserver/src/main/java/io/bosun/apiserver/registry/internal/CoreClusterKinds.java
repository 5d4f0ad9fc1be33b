package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bosun.apiserver.registry.ResourceType;

/**
 * The other core/v1 kinds: nodes, volumes and claims, events, service accounts, limit ranges and
 * resource quotas.
 */
final class CoreClusterKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CoreClusterKinds() {}

  static ResourceType nodes() {
    // A node's agent registers it with its status, so status is kept on create.
    return ResourceType.builder("", "v1", "Node", "nodes")
        .shortNames("no")
        .clusterScoped()
        .statusSubresource()
        .schema(WorkloadSchemas.node("Node is a worker node in Kubernetes."))
        .columns(ClusterColumns.NODES)
        .build();
  }

  static ResourceType events() {
    return ResourceType.builder("", "v1", "Event", "events")
        .shortNames("ev")
        .schema(
            KindSchemas.of(
                "Event is a report of an event somewhere in the cluster.",
                "involvedObject",
                "reason:string",
                "message:string",
                "source",
                "firstTimestamp:string",
                "lastTimestamp:string",
                "count:integer",
                "type:string",
                "eventTime:string",
                "series",
                "action:string",
                "related",
                "reportingComponent:string",
                "reportingInstance:string"))
        .columns(EventColumns.CORE)
        .build();
  }

  static ResourceType serviceAccounts() {
    return ResourceType.builder("", "v1", "ServiceAccount", "serviceaccounts")
        .returnsDeletedObject()
        .shortNames("sa")
        .schema(
            KindSchemas.of(
                "ServiceAccount binds together a name, a principal and a set of secrets.",
                "secrets:array",
                "imagePullSecrets:array",
                "automountServiceAccountToken:boolean"))
        .columns(ClusterColumns.SERVICE_ACCOUNTS)
        .build();
  }

  static ResourceType persistentVolumes() {
    return ResourceType.builder("", "v1", "PersistentVolume", "persistentvolumes")
        .shortNames("pv")
        .clusterScoped()
        .statusSubresource()
        .strategy(
            KindStrategy.builder()
                .initialStatus(NODES.objectNode().put("phase", "Pending"))
                .build())
        .schema(
            KindSchemas.specStatus(
                "PersistentVolume is a storage resource provisioned by an administrator."))
        .columns(StorageColumns.VOLUMES)
        .build();
  }

  static ResourceType persistentVolumeClaims() {
    return ResourceType.builder("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims")
        .shortNames("pvc")
        .statusSubresource()
        .strategy(
            KindStrategy.builder()
                .initialStatus(NODES.objectNode().put("phase", "Pending"))
                .build())
        .schema(
            KindSchemas.specStatus(
                "PersistentVolumeClaim is a user's request for and claim to a persistent"
                    + " volume."))
        .columns(StorageColumns.CLAIMS)
        .build();
  }

  static ResourceType limitRanges() {
    return ResourceType.builder("", "v1", "LimitRange", "limitranges")
        .shortNames("limits")
        .schema(
            KindSchemas.of(
                "LimitRange sets resource usage limits for each kind of resource in a"
                    + " namespace.",
                "spec"))
        .columns(Columns.DEFAULT)
        .build();
  }

  static ResourceType resourceQuotas() {
    return ResourceType.builder("", "v1", "ResourceQuota", "resourcequotas")
        .shortNames("quota")
        .statusSubresource()
        .strategy(KindStrategy.builder().initialStatus(NODES.objectNode()).build())
        .schema(
            KindSchemas.specStatus(
                "ResourceQuota sets aggregate quota restrictions enforced per namespace."))
        .columns(ClusterColumns.RESOURCE_QUOTAS)
        .build();
  }
}

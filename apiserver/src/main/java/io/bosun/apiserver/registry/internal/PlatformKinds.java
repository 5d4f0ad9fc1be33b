package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.crd.CustomResourceDefinitions;
import java.time.Clock;
import java.util.List;

/**
 * The single-kind groups: events.k8s.io, policy, storage.k8s.io, apiextensions.k8s.io,
 * scheduling.k8s.io and coordination.k8s.io.
 */
public final class PlatformKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlatformKinds() {}

  /** events.k8s.io/v1 events: core/v1 events under other field names ({@link EventConversion}). */
  public static List<ResourceType> events() {
    return List.of(
        ResourceType.builder("events.k8s.io", "v1", "Event", "events")
            .shortNames("ev")
            .schema(
                KindSchemas.of(
                    "Event is a report of an event somewhere in the cluster.",
                    "eventTime:string",
                    "series",
                    "reportingController:string",
                    "reportingInstance:string",
                    "action:string",
                    "reason:string",
                    "regarding",
                    "related",
                    "note:string",
                    "type:string",
                    "deprecatedSource",
                    "deprecatedFirstTimestamp:string",
                    "deprecatedLastTimestamp:string",
                    "deprecatedCount:integer"))
            .columns(EventColumns.EVENTS_API)
            .storedAs("events")
            .conversion(new EventConversion())
            .build());
  }

  /** policy/v1 pod disruption budgets. */
  public static List<ResourceType> policy() {
    return List.of(
        ResourceType.builder("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets")
            .shortNames("pdb")
            .statusSubresource()
            .tracksGeneration()
            .strategy(KindStrategy.builder().initialStatus(NODES.objectNode()).build())
            .schema(
                KindSchemas.specStatus(
                    "PodDisruptionBudget is an object to define the max disruption that can be"
                        + " caused to a collection of pods."))
            .columns(ScalingColumns.DISRUPTION_BUDGETS)
            .build());
  }

  /** storage.k8s.io/v1 storage classes. */
  public static List<ResourceType> storage() {
    return List.of(
        ResourceType.builder("storage.k8s.io", "v1", "StorageClass", "storageclasses")
            .returnsDeletedObject()
            .shortNames("sc")
            .clusterScoped()
            .schema(
                KindSchemas.of(
                    "StorageClass describes the parameters for a class of storage.",
                    "provisioner:string",
                    "parameters:map",
                    "reclaimPolicy:string",
                    "mountOptions:array",
                    "allowVolumeExpansion:boolean",
                    "volumeBindingMode:string",
                    "allowedTopologies:array"))
            .columns(StorageColumns.STORAGE_CLASSES)
            .build());
  }

  /** apiextensions.k8s.io/v1 custom resource definitions. */
  public static List<ResourceType> apiExtensions() {
    return List.of(CustomResourceDefinitions.type(Clock.systemUTC()));
  }

  /** scheduling.k8s.io/v1 priority classes. */
  public static List<ResourceType> scheduling() {
    return List.of(
        ResourceType.builder("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses")
            .shortNames("pc")
            .clusterScoped()
            .schema(
                KindSchemas.of(
                    "PriorityClass defines mapping from a priority class name to the priority"
                        + " integer value.",
                    "value:integer",
                    "globalDefault:boolean",
                    "description:string",
                    "preemptionPolicy:string"))
            .columns(ClusterColumns.PRIORITY_CLASSES)
            .build());
  }

  /** coordination.k8s.io/v1 leases. */
  public static List<ResourceType> coordination() {
    return List.of(
        ResourceType.builder("coordination.k8s.io", "v1", "Lease", "leases")
            .schema(KindSchemas.of("Lease defines a lease concept.", "spec"))
            .columns(ClusterColumns.LEASES)
            .build());
  }
}

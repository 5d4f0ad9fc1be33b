package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bosun.apiserver.registry.ResourceType;
import java.util.List;

/** The networking.k8s.io/v1 and discovery.k8s.io/v1 kinds. */
public final class NetworkingKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NetworkingKinds() {}

  /** The networking.k8s.io/v1 resources. */
  public static List<ResourceType> networking() {
    return List.of(
        ResourceType.builder("networking.k8s.io", "v1", "IngressClass", "ingressclasses")
            .clusterScoped()
            .schema(KindSchemas.of("IngressClass represents the class of the Ingress.", "spec"))
            .columns(NetworkColumns.INGRESS_CLASSES)
            .build(),
        ResourceType.builder("networking.k8s.io", "v1", "Ingress", "ingresses")
            .shortNames("ing")
            .statusSubresource()
            .tracksGeneration()
            .strategy(
                KindStrategy.builder()
                    .initialStatus(
                        (com.fasterxml.jackson.databind.node.ObjectNode)
                            NODES.objectNode().set("loadBalancer", NODES.objectNode()))
                    .build())
            .schema(
                KindSchemas.specStatus(
                    "Ingress is a collection of rules that allow inbound connections to reach"
                        + " the endpoints defined by a backend."))
            .columns(NetworkColumns.INGRESSES)
            .build(),
        ResourceType.builder("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies")
            .shortNames("netpol")
            .tracksGeneration()
            .schema(
                KindSchemas.of(
                    "NetworkPolicy describes what network traffic is allowed for a set of Pods.",
                    "spec"))
            .columns(NetworkColumns.NETWORK_POLICIES)
            .build());
  }

  /** The discovery.k8s.io/v1 resources. */
  public static List<ResourceType> discovery() {
    return List.of(
        ResourceType.builder("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")
            .tracksGeneration()
            .schema(
                KindSchemas.of(
                    "EndpointSlice represents a subset of the endpoints that implement a"
                        + " service.",
                    "addressType:string",
                    "endpoints:array",
                    "ports:array"))
            .columns(NetworkColumns.ENDPOINT_SLICES)
            .build());
  }
}

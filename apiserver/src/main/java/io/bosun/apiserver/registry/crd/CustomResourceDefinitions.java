package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Schemas;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Clock;

/** The apiextensions.k8s.io/v1 CustomResourceDefinition resource itself. */
public final class CustomResourceDefinitions {
  /** The API group of definitions. */
  public static final String GROUP = "apiextensions.k8s.io";

  /** The plural resource name of definitions. */
  public static final String RESOURCE = "customresourcedefinitions";

  private CustomResourceDefinitions() {}

  /** The resource type of definitions, with their validation, status and deletion rules. */
  public static ResourceType type(Clock clock) {
    return ResourceType.builder(GROUP, "v1", "CustomResourceDefinition", RESOURCE)
        .shortNames("crd", "crds")
        .categories("api-extensions")
        .clusterScoped()
        .statusSubresource()
        .tracksGeneration()
        .strategy(new CrdStrategy(clock))
        .column(TableColumn.NAME)
        .column(
            TableColumn.of(
                "Created At",
                "date",
                "CreationTimestamp of the object.",
                o -> o.path("metadata").path("creationTimestamp").asText("")))
        .noAgeColumn()
        .schema(
            Schemas.kind(
                "CustomResourceDefinition represents a resource that should be exposed on the API"
                    + " server.",
                Schemas.properties()
                    .<ObjectNode>set(
                        "spec",
                        Schemas.object("spec describes how the user wants the resources to appear"))
                    .set(
                        "status",
                        Schemas.object(
                            "status indicates the actual state of the CustomResourceDefinition"))))
        .build();
  }
}

package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.Schemas;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource types a CustomResourceDefinition serves: one per served version, with the accepted
 * names, scope, schema (for OpenAPI, validation and merge semantics), subresources, printer
 * columns, selectable fields and deprecation warning of that version. All versions share one
 * storage resource, {@code <plural>.<group>}.
 */
public final class CustomResourceTypes {
  private CustomResourceTypes() {}

  /** The types of the served versions of {@code crd}. */
  public static List<ResourceType> served(Crd crd) {
    List<ResourceType> types = new ArrayList<>();
    for (Crd.Version version : crd.versions()) {
      if (version.served()) {
        types.add(type(crd, version));
      }
    }
    return types;
  }

  /**
   * The type of the storage version, served or not: what the definition's objects are stored as.
   */
  public static ResourceType storage(Crd crd) {
    Crd.Version storage = crd.storageVersion();
    return type(crd, storage != null ? storage : crd.versions().get(0));
  }

  private static ResourceType type(Crd crd, Crd.Version version) {
    Crd.Names names = crd.accepted().kind().isEmpty() ? crd.names() : crd.accepted();
    ResourceType.Builder builder =
        ResourceType.builder(crd.group(), version.name(), names.kind(), crd.names().plural())
            .singular(names.singular())
            .shortNames(names.shortNames().toArray(String[]::new))
            .categories(names.categories().toArray(String[]::new))
            .tracksGeneration()
            .noStrategicMergePatch()
            .definedBy(crd.name())
            .schema(publishedSchema(version.schema()))
            .strategy(new CustomResourceStrategy(version, crd.terminating()))
            .deprecationWarning(version.deprecationWarning())
            .selectableFields(version.selectableFields());
    if (!crd.namespaced()) {
      builder.clusterScoped();
    }
    if (version.status()) {
      builder.statusSubresource();
    }
    if (version.scale() != null) {
      builder.scaleSubresource(version.scale());
    }
    if (!version.columns().isEmpty()) {
      builder.noAgeColumn();
      PrinterColumns.of(version.columns()).forEach(builder::column);
    }
    return builder.build();
  }

  /**
   * The schema as OpenAPI publishes it: the version's schema, extensions intact, with {@code
   * apiVersion}, {@code kind} and the full ObjectMeta as {@code metadata}.
   */
  static ObjectNode publishedSchema(ObjectNode schema) {
    ObjectNode published;
    if (schema == null) {
      published = JsonNodeFactory.instance.objectNode().put("type", "object");
      published.put("x-kubernetes-preserve-unknown-fields", true);
    } else {
      published = schema.deepCopy();
    }
    ObjectNode properties =
        published.get("properties") instanceof ObjectNode p ? p : published.putObject("properties");
    if (!properties.has("apiVersion")) {
      properties.set(
          "apiVersion", Schemas.string("APIVersion defines the versioned schema of this object."));
    }
    if (!properties.has("kind")) {
      properties.set("kind", Schemas.string("Kind is a string value representing the resource."));
    }
    properties.set("metadata", Schemas.OBJECT_META.deepCopy());
    return published;
  }
}

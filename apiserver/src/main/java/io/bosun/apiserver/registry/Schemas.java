package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAPI v3 schemas of kinds: scalar, map and list properties and the shared {@code
 * ObjectMeta}. The schemas drive {@code /openapi/v3} and the unknown-field check of {@code
 * fieldValidation}.
 */
public final class Schemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The fields of {@code ObjectMeta}. */
  public static final ObjectNode OBJECT_META =
      object("Standard object's metadata.")
          .<ObjectNode>set(
              "properties",
              properties()
                  .<ObjectNode>set("name", string("Name must be unique within a namespace."))
                  .<ObjectNode>set("generateName", string("Prefix for a server-generated name."))
                  .<ObjectNode>set("namespace", string("The namespace of the object."))
                  .<ObjectNode>set("uid", string("Unique identifier set by the server."))
                  .<ObjectNode>set("resourceVersion", string("Opaque version set by the server."))
                  .<ObjectNode>set("generation", integer("Generation of the desired state."))
                  .<ObjectNode>set("creationTimestamp", string("When the object was created."))
                  .<ObjectNode>set("deletionTimestamp", string("When the object will be deleted."))
                  .<ObjectNode>set(
                      "deletionGracePeriodSeconds", integer("Grace period of a deletion."))
                  .<ObjectNode>set("labels", stringMap("Labels of the object."))
                  .<ObjectNode>set("annotations", stringMap("Annotations of the object."))
                  .<ObjectNode>set("ownerReferences", ownerReferences())
                  .<ObjectNode>set(
                      "finalizers",
                      list("Must be empty before deletion.", string(""))
                          .put("x-kubernetes-list-type", "set")
                          .put("x-kubernetes-patch-strategy", "merge"))
                  .<ObjectNode>set(
                      "managedFields",
                      list("Field ownership.", object("")).put("x-kubernetes-list-type", "atomic"))
                  .<ObjectNode>set("selfLink", string("Deprecated.")));

  private Schemas() {}

  /** Owner references: a list keyed by uid, as server-side apply and strategic merge merge it. */
  private static ObjectNode ownerReferences() {
    ObjectNode owner = object("An object this object depends on.");
    owner.set(
        "properties",
        properties()
            .<ObjectNode>set("apiVersion", string("API version of the owner."))
            .<ObjectNode>set("kind", string("Kind of the owner."))
            .<ObjectNode>set("name", string("Name of the owner."))
            .<ObjectNode>set("uid", string("UID of the owner."))
            .<ObjectNode>set("controller", bool("Whether the owner is the managing controller."))
            .<ObjectNode>set(
                "blockOwnerDeletion", bool("Whether the owner waits for this object's deletion.")));
    ObjectNode references = list("Objects this object depends on.", owner);
    references.put("x-kubernetes-list-type", "map");
    references.putArray("x-kubernetes-list-map-keys").add("uid");
    references.put("x-kubernetes-patch-strategy", "merge");
    references.put("x-kubernetes-patch-merge-key", "uid");
    return references;
  }

  /** An object schema with no properties yet. */
  public static ObjectNode object(String description) {
    return NODES.objectNode().put("description", description).put("type", "object");
  }

  /** The {@code properties} node to fill and set on an object schema. */
  public static ObjectNode properties() {
    return NODES.objectNode();
  }

  /** A string property. */
  public static ObjectNode string(String description) {
    return NODES.objectNode().put("description", description).put("type", "string");
  }

  /** A base64-encoded bytes property. */
  public static ObjectNode bytes(String description) {
    return string(description).put("format", "byte");
  }

  /** A boolean property. */
  public static ObjectNode bool(String description) {
    return NODES.objectNode().put("description", description).put("type", "boolean");
  }

  /** An integer property. */
  public static ObjectNode integer(String description) {
    return NODES.objectNode().put("description", description).put("type", "integer");
  }

  /** A map of string to string. */
  public static ObjectNode stringMap(String description) {
    return map(description, string(""));
  }

  /** A map of string to {@code values}. */
  public static ObjectNode map(String description, ObjectNode values) {
    ObjectNode node = object(description);
    node.set("additionalProperties", values);
    return node;
  }

  /** A list of {@code items}. */
  public static ObjectNode list(String description, ObjectNode items) {
    ObjectNode node = NODES.objectNode().put("description", description).put("type", "array");
    node.set("items", items);
    return node;
  }

  /**
   * The schema of a top-level kind: {@code apiVersion}, {@code kind}, {@code metadata} and the
   * given properties.
   */
  public static ObjectNode kind(String description, ObjectNode ownProperties) {
    ObjectNode props = properties();
    props.set("apiVersion", string("Versioned schema of this representation of an object."));
    props.set("kind", string("The REST resource this object represents."));
    props.set("metadata", OBJECT_META.deepCopy());
    props.setAll(ownProperties);
    ObjectNode schema = object(description);
    schema.set("properties", props);
    return schema;
  }
}

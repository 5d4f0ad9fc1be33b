package io.bosun.apiserver.registry.crd.cel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import io.bosun.apiserver.registry.crd.schema.Structural;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL type of {@code self} for rules on one schema node, derived from the structural schema as
 * Kubernetes derives it: objects with properties are structs whose fields are the escaped property
 * names, maps and lists are typed by their values and items, strings with the formats byte,
 * duration and date(-time) are bytes, durations and timestamps, and int-or-string is dynamic. At
 * the root of a resource, {@code apiVersion}, {@code kind} and {@code metadata.name} and {@code
 * generateName} are always there.
 */
final class CelTypes {
  private final List<CelType> structs = new ArrayList<>();
  private final CelType self;

  private CelTypes(Structural node, boolean resourceRoot) {
    this.self = type(node, resourceRoot, "Object");
  }

  /** The types for rules declared on {@code node}. */
  static CelTypes of(Structural node, boolean resourceRoot) {
    return new CelTypes(node, resourceRoot);
  }

  /** The type of {@code self}; dynamic when the node has no CEL type. */
  CelType self() {
    return self == null ? SimpleType.DYN : self;
  }

  /** The struct types {@code self} refers to, for the compiler. */
  CelTypeProvider provider() {
    ImmutableList<CelType> all = ImmutableList.copyOf(structs);
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return all;
      }

      @Override
      public Optional<CelType> findType(String name) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst();
      }
    };
  }

  /** The schema of a resource root as CEL sees it: with apiVersion, kind and name metadata. */
  static Structural withResourceMeta(Structural node) {
    ObjectNode source = node.source().deepCopy();
    ObjectNode properties =
        source.get("properties") instanceof ObjectNode p ? p : source.putObject("properties");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    properties.set("apiVersion", nodes.objectNode().put("type", "string"));
    properties.set("kind", nodes.objectNode().put("type", "string"));
    ObjectNode metadata = nodes.objectNode().put("type", "object");
    ObjectNode metaProperties = metadata.putObject("properties");
    metaProperties.set("name", nodes.objectNode().put("type", "string").put("maxLength", 253));
    metaProperties.set(
        "generateName", nodes.objectNode().put("type", "string").put("maxLength", 253));
    properties.set("metadata", metadata);
    if (!source.has("type")) {
      source.put("type", "object");
    }
    return Structural.of(source);
  }

  private CelType type(Structural s, boolean resourceRoot, String name) {
    if (s == null) {
      return null;
    }
    if (s.intOrString()) {
      return SimpleType.DYN;
    }
    Structural node = resourceRoot ? withResourceMeta(s) : s;
    return switch (node.type()) {
      case "array" -> {
        if (node.items() == null) {
          yield null;
        }
        CelType items = type(node.items(), node.items().embeddedResource(), name + ".@items");
        yield items == null ? null : ListType.create(items);
      }
      case "object" -> object(node, name);
      case "string" ->
          switch (node.format()) {
            case "byte" -> SimpleType.BYTES;
            case "duration" -> SimpleType.DURATION;
            case "date", "date-time" -> SimpleType.TIMESTAMP;
            default -> SimpleType.STRING;
          };
      case "boolean" -> SimpleType.BOOL;
      case "number" -> SimpleType.DOUBLE;
      case "integer" -> SimpleType.INT;
      default -> null;
    };
  }

  private CelType object(Structural node, String name) {
    if (node.additionalProperties() != null) {
      Structural values = node.additionalProperties();
      CelType valueType = type(values, values.embeddedResource(), name + ".@values");
      return valueType == null ? null : MapType.create(SimpleType.STRING, valueType);
    }
    Map<String, CelType> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Structural> p : node.properties().entrySet()) {
      String escaped = CelNames.escape(p.getKey());
      if (escaped == null) {
        continue;
      }
      CelType field = type(p.getValue(), p.getValue().embeddedResource(), name + "." + escaped);
      if (field != null) {
        fields.put(escaped, field);
      }
    }
    StructType struct =
        StructType.create(
            name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
    structs.add(struct);
    return struct;
  }
}

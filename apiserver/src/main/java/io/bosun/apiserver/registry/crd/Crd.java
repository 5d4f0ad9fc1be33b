package io.bosun.apiserver.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.ScalePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CustomResourceDefinition (apiextensions.k8s.io/v1) read from its JSON: what serving its
 * resources needs. Reading is lenient; {@link CrdValidation} reports what is malformed.
 *
 * @param name {@code metadata.name}, {@code <plural>.<group>}
 * @param group the API group of the resources
 * @param names the requested names ({@code spec.names})
 * @param accepted the names the naming controller accepted ({@code status.acceptedNames})
 * @param namespaced whether {@code spec.scope} is Namespaced
 * @param versions the versions, in the order the definition lists them
 * @param object the whole definition
 */
public record Crd(
    String name,
    String group,
    Names names,
    Names accepted,
    boolean namespaced,
    List<Version> versions,
    ObjectNode object) {

  /** The finalizer that holds a definition until its custom resources are deleted. */
  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  /** The names of a definition's resources. */
  public record Names(
      String plural,
      String singular,
      String kind,
      String listKind,
      List<String> shortNames,
      List<String> categories) {

    static Names of(JsonNode names) {
      String kind = names.path("kind").asText("");
      return new Names(
          names.path("plural").asText(""),
          names.path("singular").asText(kind.toLowerCase(Locale.ROOT)),
          kind,
          names.path("listKind").asText(kind.isEmpty() ? "" : kind + "List"),
          strings(names.path("shortNames")),
          strings(names.path("categories")));
    }
  }

  /**
   * One version of a definition.
   *
   * @param schema the {@code openAPIV3Schema}, or null
   * @param scale the scale subresource's paths, or null without one
   * @param deprecationWarning the warning of a deprecated version (the default text when it sets
   *     none), or null when not deprecated
   */
  public record Version(
      String name,
      boolean served,
      boolean storage,
      String deprecationWarning,
      ObjectNode schema,
      boolean status,
      ScalePaths scale,
      List<Column> columns,
      List<String> selectableFields) {}

  /** An {@code additionalPrinterColumns} entry. */
  public record Column(
      String name, String type, String format, String description, int priority, String jsonPath) {}

  /** Reads a definition. */
  public static Crd of(ObjectNode object) {
    JsonNode spec = object.path("spec");
    String group = spec.path("group").asText("");
    Names names = Names.of(spec.path("names"));
    List<Version> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      versions.add(version(version, group, names.kind(), spec.path("versions")));
    }
    return new Crd(
        object.path("metadata").path("name").asText(""),
        group,
        names,
        Names.of(object.path("status").path("acceptedNames")),
        !spec.path("scope").asText("").equals("Cluster"),
        List.copyOf(versions),
        object);
  }

  private static Version version(JsonNode v, String group, String kind, JsonNode all) {
    String name = v.path("name").asText("");
    JsonNode scale = v.path("subresources").get("scale");
    List<Column> columns = new ArrayList<>();
    for (JsonNode c : v.path("additionalPrinterColumns")) {
      columns.add(
          new Column(
              c.path("name").asText(""),
              c.path("type").asText(""),
              c.path("format").asText(""),
              c.path("description").asText(""),
              c.path("priority").asInt(0),
              c.path("jsonPath").asText("")));
    }
    List<String> selectable = new ArrayList<>();
    for (JsonNode f : v.path("selectableFields")) {
      String path = f.path("jsonPath").asText("");
      selectable.add(path.startsWith(".") ? path.substring(1) : path);
    }
    String warning = null;
    if (v.path("deprecated").asBoolean(false)) {
      warning =
          v.hasNonNull("deprecationWarning")
              ? v.path("deprecationWarning").asText()
              : DeprecationWarnings.defaultWarning(group, kind, name, all);
    }
    return new Version(
        name,
        v.path("served").asBoolean(false),
        v.path("storage").asBoolean(false),
        warning,
        v.path("schema").get("openAPIV3Schema") instanceof ObjectNode s ? s : null,
        v.path("subresources").has("status"),
        scale == null || scale.isNull()
            ? null
            : new ScalePaths(
                scale.path("specReplicasPath").asText(""),
                scale.path("statusReplicasPath").asText(""),
                scale.hasNonNull("labelSelectorPath")
                    ? scale.path("labelSelectorPath").asText()
                    : null),
        List.copyOf(columns),
        List.copyOf(selectable));
  }

  /** The version marked {@code storage: true}, or null if none is. */
  public Version storageVersion() {
    return versions.stream().filter(Version::storage).findFirst().orElse(null);
  }

  /** Returns whether a condition of this type has status True. */
  public boolean condition(String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  /** Returns whether the definition's resources are served (condition Established). */
  public boolean established() {
    return condition("Established");
  }

  /** Returns whether deletion of the definition has been requested. */
  public boolean terminating() {
    return object.path("metadata").hasNonNull("deletionTimestamp");
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }
}

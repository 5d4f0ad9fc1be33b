package io.bosun.controller.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.internal.Codec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.Objects;

/**
 * What the client needs to know about a kind: its group, version, kind, plural resource name,
 * whether it is namespaced, and the Java type its objects are read into. Given explicitly, never
 * found by scanning.
 *
 * <pre>{@code
 * ResourceDescriptor<Deployment> deployments = ResourceDescriptor.of(Deployment.class);
 * ResourceDescriptor<GenericKubernetesResource> widgets =
 *     ResourceDescriptor.generic("example.com/v1", "Widget", "widgets", true);
 * }</pre>
 *
 * @param <T> the Java type of the kind's objects
 */
public final class ResourceDescriptor<T> {
  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final boolean namespaced;
  private final Class<T> type;
  private final Codec<T> codec;

  private ResourceDescriptor(
      String apiVersion,
      String kind,
      String plural,
      boolean namespaced,
      Class<T> type,
      Codec<T> codec) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    int slash = apiVersion.indexOf('/');
    this.group = slash < 0 ? "" : apiVersion.substring(0, slash);
    this.version = apiVersion.substring(slash + 1);
    if (version.isEmpty() || kind.isEmpty() || plural.isEmpty() || plural.contains("/")) {
      throw new IllegalArgumentException(
          "not a resource: apiVersion=" + apiVersion + ", kind=" + kind + ", plural=" + plural);
    }
    this.kind = kind;
    this.plural = plural;
    this.namespaced = namespaced;
    this.type = type;
    this.codec = codec;
  }

  /**
   * The descriptor of a fabric8 model class (a built-in kind such as {@code Pod}) or of a custom
   * resource class annotated with {@code @Group} and {@code @Version}. The kind is namespaced when
   * the class implements {@link Namespaced}.
   *
   * @throws IllegalArgumentException if the class names no version
   */
  public static <T extends HasMetadata> ResourceDescriptor<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    String version = HasMetadata.getVersion(type);
    if (version == null || version.isEmpty()) {
      throw new IllegalArgumentException(
          type.getName() + " names no API version: annotate it with @Version (and @Group)");
    }
    return new ResourceDescriptor<>(
        HasMetadata.getApiVersion(type),
        HasMetadata.getKind(type),
        HasMetadata.getPlural(type),
        Namespaced.class.isAssignableFrom(type),
        type,
        Codec.mapped(type));
  }

  /**
   * The descriptor of a kind read as {@link GenericKubernetesResource}, for kinds without a class.
   *
   * @param apiVersion {@code group/version}, or {@code v1} for the core group
   * @param plural the resource name in URLs, such as {@code widgets}
   */
  public static ResourceDescriptor<GenericKubernetesResource> generic(
      String apiVersion, String kind, String plural, boolean namespaced) {
    return new ResourceDescriptor<>(
        apiVersion,
        kind,
        plural,
        namespaced,
        GenericKubernetesResource.class,
        Codec.mapped(GenericKubernetesResource.class));
  }

  /** The descriptor of a kind read as plain JSON trees. */
  public static ResourceDescriptor<ObjectNode> untyped(
      String apiVersion, String kind, String plural, boolean namespaced) {
    return new ResourceDescriptor<>(
        apiVersion, kind, plural, namespaced, ObjectNode.class, Codec.tree());
  }

  /** This kind read as plain JSON trees. */
  public ResourceDescriptor<ObjectNode> asUntyped() {
    return new ResourceDescriptor<>(
        apiVersion(), kind, plural, namespaced, ObjectNode.class, Codec.tree());
  }

  /** The API group; {@code ""} for the core group. */
  public String group() {
    return group;
  }

  /** The API version, such as {@code v1}. */
  public String version() {
    return version;
  }

  /** {@code group/version}, or the version alone for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The kind, such as {@code Deployment}. */
  public String kind() {
    return kind;
  }

  /** The resource name in URLs, such as {@code deployments}. */
  public String plural() {
    return plural;
  }

  /** Whether objects of this kind live in namespaces. */
  public boolean namespaced() {
    return namespaced;
  }

  /** The Java type objects are read into. */
  public Class<T> type() {
    return type;
  }

  /** Reads an object from its JSON tree; the tree is not kept. */
  public T fromTree(ObjectNode tree) {
    return codec.fromTree(Objects.requireNonNull(tree, "tree"));
  }

  /** The JSON tree of an object, fresh for the caller to change. */
  public ObjectNode toTree(T object) {
    return codec.toTree(Objects.requireNonNull(object, "object"));
  }

  /** Reads an object from JSON bytes. */
  public T read(byte[] json) {
    return codec.read(Objects.requireNonNull(json, "json"));
  }

  /** Two descriptors are equal when they name the same resource and Java type. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ResourceDescriptor<?> that
        && group.equals(that.group)
        && version.equals(that.version)
        && kind.equals(that.kind)
        && plural.equals(that.plural)
        && namespaced == that.namespaced
        && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, version, kind, plural, namespaced, type);
  }

  @Override
  public String toString() {
    return plural + (group.isEmpty() ? "" : "." + group) + "/" + version + " (" + kind + ")";
  }
}

package io.bosun.apiserver.registry;

import io.bosun.apiserver.registry.internal.AppsKinds;
import io.bosun.apiserver.registry.internal.BatchKinds;
import io.bosun.apiserver.registry.internal.CoreKinds;
import io.bosun.apiserver.registry.internal.NetworkingKinds;
import io.bosun.apiserver.registry.internal.PlatformKinds;
import io.bosun.apiserver.registry.internal.RbacKinds;
import io.bosun.apiserver.registry.internal.ReviewKinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The served resources, looked up by group, version and plural name: the built-in kinds, an
 * explicit list fixed at start (no classpath scanning), and the custom resources that
 * CustomResourceDefinitions add and remove while the server runs.
 *
 * <p>Readers see an immutable snapshot; a change replaces the snapshot at once, so a request never
 * sees half of a definition's versions.
 */
public final class KindRegistry {
  private final Map<String, ResourceType> builtin = new LinkedHashMap<>();

  /** Custom resources by the name of the definition that serves them; guarded by {@code this}. */
  private final Map<String, List<ResourceType>> custom = new TreeMap<>();

  private volatile Snapshot snapshot;

  private KindRegistry(List<ResourceType> types) {
    for (ResourceType type : types) {
      String key = key(type.group(), type.version(), type.resource());
      if (builtin.putIfAbsent(key, type) != null) {
        throw new IllegalArgumentException("resource registered twice: " + key);
      }
    }
    snapshot = Snapshot.of(builtin, List.of());
  }

  /** A registry of exactly these resources (more can be served later with {@link #serve}). */
  public static KindRegistry of(List<ResourceType> types) {
    return new KindRegistry(types);
  }

  /** The built-in resources Bosun serves. */
  public static KindRegistry builtin() {
    // Groups in the order kube-apiserver lists them.
    List<ResourceType> types = new ArrayList<>(CoreKinds.all());
    types.addAll(AppsKinds.all());
    types.addAll(PlatformKinds.events());
    types.addAll(ReviewKinds.authentication());
    types.addAll(ReviewKinds.authorization());
    types.addAll(BatchKinds.autoscaling());
    types.addAll(BatchKinds.batch());
    types.addAll(NetworkingKinds.networking());
    types.addAll(PlatformKinds.policy());
    types.addAll(RbacKinds.all());
    types.addAll(PlatformKinds.storage());
    types.addAll(PlatformKinds.apiExtensions());
    types.addAll(PlatformKinds.scheduling());
    types.addAll(PlatformKinds.coordination());
    types.addAll(NetworkingKinds.discovery());
    return new KindRegistry(types);
  }

  /**
   * Serves {@code types} on behalf of the definition {@code owner}, replacing what it served
   * before. A type whose path a built-in resource already has is not served.
   */
  public synchronized void serve(String owner, List<ResourceType> types) {
    Objects.requireNonNull(owner, "owner");
    custom.put(owner, List.copyOf(types));
    snapshot = Snapshot.of(builtin, all(custom));
  }

  /** Stops serving what {@code owner} served. */
  public synchronized void remove(String owner) {
    if (custom.remove(owner) != null) {
      snapshot = Snapshot.of(builtin, all(custom));
    }
  }

  /** What {@code owner} serves now, empty if nothing. */
  public List<ResourceType> servedBy(String owner) {
    synchronized (this) {
      return custom.getOrDefault(owner, List.of());
    }
  }

  /** Finds a resource by group ({@code ""} for core), version and plural name. */
  public Optional<ResourceType> find(String group, String version, String resource) {
    return Optional.ofNullable(snapshot.byPath.get(key(group, version, resource)));
  }

  /** Every served resource: the built-in ones in registration order, then the custom ones. */
  public List<ResourceType> all() {
    return snapshot.all;
  }

  /** The resources of one group version, in registration order. */
  public List<ResourceType> groupVersion(String group, String version) {
    return snapshot.all.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  /**
   * The distinct non-core groups with their versions: built-in groups in registration order, then
   * custom groups by name with their versions in Kubernetes' version priority order (the first is
   * the preferred version).
   */
  public Map<String, List<String>> groups() {
    return snapshot.groups;
  }

  private static List<ResourceType> all(Map<String, List<ResourceType>> custom) {
    List<ResourceType> types = new ArrayList<>();
    custom.values().forEach(types::addAll);
    return types;
  }

  private static String key(String group, String version, String resource) {
    return group + "/" + version + "/" + resource;
  }

  /** One consistent view of everything served. */
  private record Snapshot(
      Map<String, ResourceType> byPath, List<ResourceType> all, Map<String, List<String>> groups) {

    static Snapshot of(Map<String, ResourceType> builtin, List<ResourceType> custom) {
      Map<String, ResourceType> byPath = new LinkedHashMap<>(builtin);
      List<ResourceType> customServed = new ArrayList<>();
      for (ResourceType type : custom) {
        if (byPath.putIfAbsent(key(type.group(), type.version(), type.resource()), type) == null) {
          customServed.add(type);
        }
      }
      customServed.sort(
          Comparator.comparing(ResourceType::group)
              .thenComparing(ResourceType::version, VersionPriority.ORDER)
              .thenComparing(ResourceType::resource));
      List<ResourceType> all = new ArrayList<>(builtin.values());
      all.addAll(customServed);
      Map<String, List<String>> groups = new LinkedHashMap<>();
      for (ResourceType type : all) {
        if (!type.group().isEmpty()) {
          List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
          if (!versions.contains(type.version())) {
            versions.add(type.version());
          }
        }
      }
      groups.replaceAll((group, versions) -> List.copyOf(versions));
      return new Snapshot(Map.copyOf(byPath), List.copyOf(all), groups);
    }
  }
}

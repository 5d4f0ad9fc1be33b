package io.bosun.apiserver.registry;

import io.bosun.apiserver.registry.internal.AppsKinds;
import io.bosun.apiserver.registry.internal.BatchKinds;
import io.bosun.apiserver.registry.internal.CoreKinds;
import io.bosun.apiserver.registry.internal.NetworkingKinds;
import io.bosun.apiserver.registry.internal.PlatformKinds;
import io.bosun.apiserver.registry.internal.RbacKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit list of served resources, looked up by group, version and plural name. No classpath
 * scanning: every kind is one entry registered here.
 */
public final class KindRegistry {
  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();

  private KindRegistry(List<ResourceType> types) {
    for (ResourceType type : types) {
      String key = key(type.group(), type.version(), type.resource());
      if (byPath.putIfAbsent(key, type) != null) {
        throw new IllegalArgumentException("resource registered twice: " + key);
      }
    }
  }

  /** A registry of exactly these resources. */
  public static KindRegistry of(List<ResourceType> types) {
    return new KindRegistry(types);
  }

  /** The built-in resources Bosun serves. */
  public static KindRegistry builtin() {
    // Groups in the order kube-apiserver lists them.
    List<ResourceType> types = new ArrayList<>(CoreKinds.all());
    types.addAll(AppsKinds.all());
    types.addAll(PlatformKinds.events());
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

  /** Finds a resource by group ({@code ""} for core), version and plural name. */
  public Optional<ResourceType> find(String group, String version, String resource) {
    return Optional.ofNullable(byPath.get(key(group, version, resource)));
  }

  /** Every registered resource, in registration order. */
  public List<ResourceType> all() {
    return List.copyOf(byPath.values());
  }

  /** The resources of one group version, in registration order. */
  public List<ResourceType> groupVersion(String group, String version) {
    return byPath.values().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  /** The distinct non-core groups, in registration order, with their versions. */
  public Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType type : byPath.values()) {
      if (!type.group().isEmpty()) {
        List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
        if (!versions.contains(type.version())) {
          versions.add(type.version());
        }
      }
    }
    return groups;
  }

  private static String key(String group, String version, String resource) {
    return group + "/" + version + "/" + resource;
  }
}

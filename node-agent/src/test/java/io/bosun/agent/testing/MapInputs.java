package io.bosun.agent.testing;

import io.bosun.agent.pod.PodInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cluster inputs held in maps that a test fills and changes. */
public final class MapInputs implements PodInputs {
  private final Map<String, Map<String, byte[]>> configMaps = new ConcurrentHashMap<>();
  private final Map<String, Map<String, byte[]>> secrets = new ConcurrentHashMap<>();
  private final Map<String, Path> claims = new ConcurrentHashMap<>();

  /** Sets (replaces) ConfigMap {@code namespace/name}. */
  public MapInputs configMap(String namespace, String name, Map<String, String> data) {
    configMaps.put(namespace + "/" + name, bytes(data));
    return this;
  }

  /** Sets (replaces) Secret {@code namespace/name}. */
  public MapInputs secret(String namespace, String name, Map<String, String> data) {
    secrets.put(namespace + "/" + name, bytes(data));
    return this;
  }

  /** Binds claim {@code namespace/name} to a host directory. */
  public MapInputs claim(String namespace, String name, Path path) {
    claims.put(namespace + "/" + name, path);
    return this;
  }

  private static Map<String, byte[]> bytes(Map<String, String> data) {
    Map<String, byte[]> values = new LinkedHashMap<>();
    data.forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return values;
  }

  @Override
  public Optional<Map<String, byte[]>> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public Optional<Map<String, byte[]>> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }

  @Override
  public Optional<Path> persistentVolumeClaim(String namespace, String claimName) {
    return Optional.ofNullable(claims.get(namespace + "/" + claimName));
  }
}

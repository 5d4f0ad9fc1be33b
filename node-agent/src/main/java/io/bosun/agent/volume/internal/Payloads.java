package io.bosun.agent.volume.internal;

import io.bosun.agent.pod.PodInputs;
import io.bosun.agent.volume.internal.AtomicWriter.FileContent;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of ConfigMap, Secret, downward API and projected volumes, with the kubelet's rules for
 * items, modes and optional sources, and its messages for what is missing.
 */
final class Payloads {
  /** The default mode of such volumes' files: 0644. */
  static final int DEFAULT_MODE = 0644;

  private final PodInputs inputs;
  private final long allocatableCpuMillis;
  private final long allocatableMemoryBytes;

  Payloads(PodInputs inputs, long allocatableCpuMillis, long allocatableMemoryBytes) {
    this.inputs = inputs;
    this.allocatableCpuMillis = allocatableCpuMillis;
    this.allocatableMemoryBytes = allocatableMemoryBytes;
  }

  Map<String, FileContent> configMap(
      String namespace, String name, List<KeyToPath> items, Boolean optional, Integer defaultMode)
      throws InputException {
    Optional<Map<String, byte[]>> data = inputs.configMap(namespace, name);
    return keys(data, "configmap \"" + name + "\" not found", items, optional, defaultMode, true);
  }

  Map<String, FileContent> secret(
      String namespace, String name, List<KeyToPath> items, Boolean optional, Integer defaultMode)
      throws InputException {
    Optional<Map<String, byte[]>> data = inputs.secret(namespace, name);
    return keys(data, "secret \"" + name + "\" not found", items, optional, defaultMode, false);
  }

  private static Map<String, FileContent> keys(
      Optional<Map<String, byte[]>> source,
      String notFound,
      List<KeyToPath> items,
      Boolean optional,
      Integer defaultMode,
      boolean configMap)
      throws InputException {
    if (source.isEmpty() && !Boolean.TRUE.equals(optional)) {
      throw new InputException(notFound);
    }
    Map<String, byte[]> data = source.orElse(Map.of());
    int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
    Map<String, FileContent> files = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.forEach((key, value) -> files.put(key, new FileContent(value, mode)));
      return files;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        if (Boolean.TRUE.equals(optional)) {
          continue;
        }
        throw new InputException(
            configMap
                ? "configmap references non-existent config key: " + item.getKey()
                : "references non-existent secret key: " + item.getKey());
      }
      files.put(
          item.getPath(), new FileContent(value, item.getMode() == null ? mode : item.getMode()));
    }
    return files;
  }

  Map<String, FileContent> downwardApi(
      Pod pod, List<DownwardAPIVolumeFile> items, Integer defaultMode, String podIP, String hostIP)
      throws InputException {
    int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
    Map<String, FileContent> files = new LinkedHashMap<>();
    for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
      String value;
      if (item.getFieldRef() != null) {
        value = FieldRefs.field(pod, item.getFieldRef().getFieldPath(), podIP, hostIP, true);
      } else if (item.getResourceFieldRef() != null) {
        String containerName = item.getResourceFieldRef().getContainerName();
        Container container =
            Stream.concat(
                    pod.getSpec().getContainers().stream(),
                    pod.getSpec().getInitContainers() == null
                        ? Stream.empty()
                        : pod.getSpec().getInitContainers().stream())
                .filter(c -> c.getName().equals(containerName))
                .findFirst()
                .orElseThrow(() -> new InputException("container " + containerName + " not found"));
        value =
            FieldRefs.resource(
                container,
                item.getResourceFieldRef(),
                allocatableCpuMillis,
                allocatableMemoryBytes);
      } else {
        continue;
      }
      files.put(
          item.getPath(),
          new FileContent(
              value.getBytes(StandardCharsets.UTF_8),
              item.getMode() == null ? mode : item.getMode()));
    }
    return files;
  }

  Map<String, FileContent> projected(
      Pod pod, List<VolumeProjection> sources, Integer defaultMode, String podIP, String hostIP)
      throws InputException {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, FileContent> files = new LinkedHashMap<>();
    for (VolumeProjection source : sources == null ? List.<VolumeProjection>of() : sources) {
      if (source.getConfigMap() != null) {
        var cm = source.getConfigMap();
        files.putAll(
            configMap(namespace, cm.getName(), cm.getItems(), cm.getOptional(), defaultMode));
      } else if (source.getSecret() != null) {
        var s = source.getSecret();
        files.putAll(secret(namespace, s.getName(), s.getItems(), s.getOptional(), defaultMode));
      } else if (source.getDownwardAPI() != null) {
        files.putAll(
            downwardApi(pod, source.getDownwardAPI().getItems(), defaultMode, podIP, hostIP));
      } else if (source.getServiceAccountToken() != null) {
        files.put(
            source.getServiceAccountToken().getPath(),
            new FileContent(
                token(pod, source.getServiceAccountToken()),
                defaultMode == null ? DEFAULT_MODE : defaultMode));
      } else {
        throw new InputException("projected volume source not supported by this agent");
      }
    }
    return files;
  }

  private byte[] token(Pod pod, ServiceAccountTokenProjection projection) throws InputException {
    String account = pod.getSpec().getServiceAccountName();
    account = account == null || account.isEmpty() ? "default" : account;
    long expiration =
        projection.getExpirationSeconds() == null ? 3600 : projection.getExpirationSeconds();
    String audience = projection.getAudience() == null ? "" : projection.getAudience();
    String namespace = pod.getMetadata().getNamespace();
    String serviceAccount = account;
    return inputs
        .serviceAccountToken(
            namespace,
            account,
            pod.getMetadata().getName(),
            pod.getMetadata().getUid(),
            audience,
            expiration)
        .map(t -> t.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(
            () ->
                new InputException(
                    "failed to fetch token: serviceaccounts \""
                        + serviceAccount
                        + "\" not found in namespace "
                        + namespace));
  }
}

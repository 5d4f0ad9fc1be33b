package io.bosun.agent.pod.internal;

import io.bosun.agent.pod.PodInputs;
import io.bosun.agent.volume.internal.FieldRefs;
import io.bosun.agent.volume.internal.InputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's Kubernetes environment, made as the kubelet makes it: Service variables, then
 * {@code envFrom} sources in order, then {@code env} in order, each value's {@code $(VAR)}
 * references expanded with what is defined before it.
 */
final class Environment {
  private final PodInputs inputs;
  private final String podIP;
  private final String hostIP;
  private final long allocatableCpuMillis;
  private final long allocatableMemoryBytes;

  Environment(
      PodInputs inputs,
      String podIP,
      String hostIP,
      long allocatableCpuMillis,
      long allocatableMemoryBytes) {
    this.inputs = inputs;
    this.podIP = podIP;
    this.hostIP = hostIP;
    this.allocatableCpuMillis = allocatableCpuMillis;
    this.allocatableMemoryBytes = allocatableMemoryBytes;
  }

  /**
   * The variables of {@code container}.
   *
   * @param base variables the agent defines (POD_IP, ...) that references may also use
   * @throws SetupException with CreateContainerConfigError for a missing ConfigMap, Secret or key
   */
  Map<String, String> of(Pod pod, Container container, Map<String, String> base)
      throws SetupException {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> services =
        inputs.serviceEnvironment(
            namespace, !Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks()));
    Map<String, String> declared = new LinkedHashMap<>();
    for (EnvFromSource from : list(container.getEnvFrom())) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      Map<String, byte[]> data;
      if (from.getConfigMapRef() != null) {
        var ref = from.getConfigMapRef();
        Optional<Map<String, byte[]>> found = inputs.configMap(namespace, ref.getName());
        if (found.isEmpty() && !Boolean.TRUE.equals(ref.getOptional())) {
          throw configError("configmap \"" + ref.getName() + "\" not found");
        }
        data = found.orElse(Map.of());
      } else if (from.getSecretRef() != null) {
        var ref = from.getSecretRef();
        Optional<Map<String, byte[]>> found = inputs.secret(namespace, ref.getName());
        if (found.isEmpty() && !Boolean.TRUE.equals(ref.getOptional())) {
          throw configError("secret \"" + ref.getName() + "\" not found");
        }
        data = found.orElse(Map.of());
      } else {
        continue;
      }
      data.forEach(
          (key, value) -> {
            if (!key.isEmpty() && !key.contains("=")) {
              declared.put(prefix + key, new String(value, StandardCharsets.UTF_8));
            }
          });
    }
    for (EnvVar variable : list(container.getEnv())) {
      String value;
      if (variable.getValueFrom() == null) {
        value =
            Expansion.expand(
                variable.getValue() == null ? "" : variable.getValue(),
                name -> lookup(name, declared, services, base));
      } else {
        value = valueFrom(pod, container, variable.getValueFrom());
        if (value == null) {
          continue;
        }
      }
      declared.put(variable.getName(), value);
    }
    Map<String, String> env = new LinkedHashMap<>(services);
    env.putAll(declared);
    return env;
  }

  private static String lookup(
      String name,
      Map<String, String> declared,
      Map<String, String> services,
      Map<String, String> base) {
    if (declared.containsKey(name)) {
      return declared.get(name);
    }
    return services.containsKey(name) ? services.get(name) : base.get(name);
  }

  /** A variable's value from its source, or null for an optional source that is missing. */
  private String valueFrom(Pod pod, Container container, EnvVarSource source)
      throws SetupException {
    String namespace = pod.getMetadata().getNamespace();
    try {
      if (source.getFieldRef() != null) {
        return FieldRefs.field(pod, source.getFieldRef().getFieldPath(), podIP, hostIP, false);
      }
      if (source.getResourceFieldRef() != null) {
        return FieldRefs.resource(
            container, source.getResourceFieldRef(), allocatableCpuMillis, allocatableMemoryBytes);
      }
    } catch (InputException e) {
      throw configError(e.getMessage());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<Map<String, byte[]>> data = inputs.configMap(namespace, ref.getName());
      if (data.isEmpty()) {
        if (optional) {
          return null;
        }
        throw configError("configmap \"" + ref.getName() + "\" not found");
      }
      byte[] value = data.get().get(ref.getKey());
      if (value == null && !optional) {
        throw configError(
            "couldn't find key "
                + ref.getKey()
                + " in ConfigMap "
                + namespace
                + "/"
                + ref.getName());
      }
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<Map<String, byte[]>> data = inputs.secret(namespace, ref.getName());
      if (data.isEmpty()) {
        if (optional) {
          return null;
        }
        throw configError("secret \"" + ref.getName() + "\" not found");
      }
      byte[] value = data.get().get(ref.getKey());
      if (value == null && !optional) {
        throw configError(
            "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
      }
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
    throw configError("unsupported environment variable source");
  }

  private static SetupException configError(String message) {
    return new SetupException(Waiting.CREATE_CONTAINER_CONFIG_ERROR, message);
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}

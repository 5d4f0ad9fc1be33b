package io.bosun.agent.pod;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What pods read from the cluster besides their own spec: ConfigMap and Secret data, the host
 * directories of their volume claims, Service environment variables, ServiceAccount tokens. The
 * agent backs it with informer caches; every method is called on agent threads and must not block
 * on the network.
 *
 * <p>Every method has a default that finds nothing, so an implementation provides what it has.
 */
public interface PodInputs {
  /** Finds nothing. */
  PodInputs NONE = new PodInputs() {};

  /**
   * The data of a ConfigMap: its {@code data} (as UTF-8) and {@code binaryData} together, or empty
   * if it does not exist.
   */
  default Optional<Map<String, byte[]>> configMap(String namespace, String name) {
    return Optional.empty();
  }

  /** The decoded data of a Secret, or empty if it does not exist. */
  default Optional<Map<String, byte[]>> secret(String namespace, String name) {
    return Optional.empty();
  }

  /**
   * The host directory of the PersistentVolume bound to a claim (its {@code hostPath.path} or
   * {@code local.path}), or empty if the claim does not exist, is not bound, or is bound to a
   * volume of another kind.
   */
  default Optional<Path> persistentVolumeClaim(String namespace, String claimName) {
    return Optional.empty();
  }

  /**
   * The Service environment variables of a namespace, as the kubelet makes them: {@code
   * KUBERNETES_SERVICE_HOST} and friends always, and {@code <SVC>_SERVICE_HOST}, {@code
   * <SVC>_PORT}, ... for every Service of the namespace when {@code enableServiceLinks}.
   */
  default Map<String, String> serviceEnvironment(String namespace, boolean enableServiceLinks) {
    return Map.of();
  }

  /**
   * A token for a pod's ServiceAccount, for a projected {@code serviceAccountToken} source, or
   * empty if none can be issued.
   */
  default Optional<String> serviceAccountToken(
      String namespace,
      String serviceAccountName,
      String podName,
      String podUid,
      String audience,
      long expirationSeconds) {
    return Optional.empty();
  }
}

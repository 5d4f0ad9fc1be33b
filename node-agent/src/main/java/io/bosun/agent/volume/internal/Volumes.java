package io.bosun.agent.volume.internal;

import io.bosun.agent.pod.PodInputs;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's volumes as directories of this machine: emptyDir and content volumes (configMap, secret,
 * downwardAPI, projected) under the pod's volume directory, hostPath and claimed volumes where they
 * are on the host.
 */
public final class Volumes {
  private final PodInputs inputs;
  private final List<Path> allowedHostPaths;
  private final Payloads payloads;

  /** Volumes that read the cluster through {@code inputs}. */
  public Volumes(
      PodInputs inputs,
      List<Path> allowedHostPaths,
      long allocatableCpuMillis,
      long allocatableMemoryBytes) {
    this.inputs = inputs;
    this.allowedHostPaths =
        allowedHostPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.payloads = new Payloads(inputs, allocatableCpuMillis, allocatableMemoryBytes);
  }

  /**
   * Sets up every volume of {@code pod}, or brings it up to date: content volumes are rewritten
   * atomically when their sources changed.
   *
   * @return each volume's directory on this machine, by volume name
   * @throws InputException naming the first volume that cannot be set up, in the kubelet's words
   */
  public Map<String, Path> setUp(Pod pod, Path volumesDir, String podIP, String hostIP)
      throws InputException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    List<Volume> volumes = pod.getSpec().getVolumes();
    for (Volume volume : volumes == null ? List.<Volume>of() : volumes) {
      try {
        dirs.put(
            volume.getName(),
            setUp(pod, volume, volumesDir.resolve(volume.getName()), podIP, hostIP));
      } catch (InputException | IOException | IllegalArgumentException e) {
        throw new InputException(
            "MountVolume.SetUp failed for volume \"" + volume.getName() + "\" : " + e.getMessage());
      }
    }
    return dirs;
  }

  private Path setUp(Pod pod, Volume volume, Path dir, String podIP, String hostIP)
      throws InputException, IOException {
    String namespace = pod.getMetadata().getNamespace();
    if (volume.getEmptyDir() != null) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      return dir;
    }
    if (volume.getHostPath() != null) {
      return hostPath(volume.getHostPath());
    }
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      AtomicWriter.write(
          dir,
          payloads.configMap(
              namespace,
              source.getName(),
              source.getItems(),
              source.getOptional(),
              source.getDefaultMode()));
      return dir;
    }
    if (volume.getSecret() != null) {
      var source = volume.getSecret();
      AtomicWriter.write(
          dir,
          payloads.secret(
              namespace,
              source.getSecretName(),
              source.getItems(),
              source.getOptional(),
              source.getDefaultMode()));
      return dir;
    }
    if (volume.getDownwardAPI() != null) {
      var source = volume.getDownwardAPI();
      AtomicWriter.write(
          dir,
          payloads.downwardApi(pod, source.getItems(), source.getDefaultMode(), podIP, hostIP));
      return dir;
    }
    if (volume.getProjected() != null) {
      var source = volume.getProjected();
      AtomicWriter.write(
          dir,
          payloads.projected(pod, source.getSources(), source.getDefaultMode(), podIP, hostIP));
      return dir;
    }
    if (volume.getPersistentVolumeClaim() != null) {
      return claim(namespace, volume.getPersistentVolumeClaim().getClaimName());
    }
    if (volume.getEphemeral() != null) {
      // A generic ephemeral volume's claim is named after the pod and the volume.
      return claim(namespace, pod.getMetadata().getName() + "-" + volume.getName());
    }
    throw new InputException("this volume type is not supported by the process runtime");
  }

  private Path claim(String namespace, String claimName) throws InputException, IOException {
    Path path =
        inputs
            .persistentVolumeClaim(namespace, claimName)
            .orElseThrow(
                () ->
                    new InputException(
                        "persistentvolumeclaim \""
                            + claimName
                            + "\" not found, not bound, or not bound to a hostPath or local"
                            + " PersistentVolume"));
    return Files.createDirectories(path);
  }

  private Path hostPath(HostPathVolumeSource source) throws InputException, IOException {
    Path path = Path.of(source.getPath()).toAbsolutePath().normalize();
    if (allowedHostPaths.stream().noneMatch(path::startsWith)) {
      throw new InputException(
          "hostPath "
              + path
              + " is outside the host paths this agent allows ("
              + allowedHostPaths
              + ")");
    }
    String type = source.getType() == null ? "" : source.getType();
    switch (type) {
      case "DirectoryOrCreate" -> Files.createDirectories(path);
      case "FileOrCreate" -> {
        Files.createDirectories(path.getParent());
        if (!Files.exists(path)) {
          Files.createFile(path);
        }
      }
      case "Directory" ->
          require(
              Files.isDirectory(path),
              "hostPath type check failed: " + path + " is not a directory");
      case "File" ->
          require(
              Files.isRegularFile(path), "hostPath type check failed: " + path + " is not a file");
      case "Socket", "CharDevice", "BlockDevice" ->
          require(Files.exists(path), "hostPath type check failed: " + path + " is not a " + type);
      default -> {
        // "" checks nothing, as in Kubernetes.
      }
    }
    return path;
  }

  private static void require(boolean condition, String message) throws InputException {
    if (!condition) {
      throw new InputException(message);
    }
  }
}

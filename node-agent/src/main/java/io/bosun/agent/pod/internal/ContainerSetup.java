package io.bosun.agent.pod.internal;

import io.bosun.agent.image.ImageEntry;
import io.bosun.agent.pod.PodRuntimeOptions;
import io.bosun.agent.runtime.ContainerConfig;
import io.bosun.agent.runtime.ContainerResources;
import io.bosun.agent.volume.internal.FieldRefs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod's container into a {@link ContainerConfig}: image and command, environment, mounts,
 * working directory, resources and user, with the waiting reason the kubelet shows for each thing
 * that can be wrong.
 */
final class ContainerSetup {
  private final PodRuntimeOptions options;

  ContainerSetup(PodRuntimeOptions options) {
    this.options = options;
  }

  /** A container ready to start, with the mount layout its probes and hooks also use. */
  record Prepared(ContainerConfig config, MountLayout mounts) {}

  Prepared prepare(
      Pod pod,
      Container container,
      PodLayout layout,
      String podIP,
      Map<String, Path> volumes,
      int restartCount)
      throws SetupException {
    Map<String, String> base = new LinkedHashMap<>();
    base.put("PATH", options.containerPath());
    base.put("HOSTNAME", hostname(pod));
    base.put("POD_IP", podIP);
    base.put("KUBERNETES_POD_IP", podIP);
    ImageEntry image =
        options
            .images()
            .resolve(container.getImage() == null ? "" : container.getImage())
            .orElse(null);
    if (image != null) {
      base.putAll(image.env());
    }
    Environment environment =
        new Environment(
            options.inputs(),
            podIP,
            options.hostIP(),
            options.allocatableCpuMillis(),
            options.allocatableMemoryBytes());
    Map<String, String> declared = environment.of(pod, container, base);
    Map<String, String> lookup = new LinkedHashMap<>(base);
    lookup.putAll(declared);
    MountLayout mounts =
        MountLayout.create(layout.root(container.getName()), container, volumes, lookup::get);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", mounts.root().toString());
    env.putAll(mounts.variables());
    env.putAll(base);
    declared.forEach((name, value) -> env.put(name, mounts.rewrite(value)));
    List<String> argv =
        CommandLine.of(container, options.images(), env::get).stream()
            .map(mounts::rewrite)
            .toList();
    ContainerConfig.RunAs runAs = runAs(pod, container);
    Path workingDir;
    try {
      workingDir = mounts.workingDir(container.getWorkingDir());
      if (runAs != null) {
        chown(mounts.root(), runAs);
        chown(workingDir, runAs);
      }
    } catch (IOException e) {
      throw new SetupException(
          Waiting.CREATE_CONTAINER_ERROR, "cannot create the working directory: " + e.getMessage());
    }
    var resources = container.getResources();
    ContainerResources limits =
        new ContainerResources(
            resources == null ? null : FieldRefs.bytes(resources.getLimits()),
            resources == null ? null : FieldRefs.cpuMillis(resources.getLimits()),
            resources == null ? null : FieldRefs.cpuMillis(resources.getRequests()));
    ContainerConfig config =
        new ContainerConfig(
            pod.getMetadata().getNamespace()
                + "/"
                + pod.getMetadata().getName()
                + "/"
                + container.getName(),
            pod.getMetadata().getUid(),
            argv,
            env,
            workingDir,
            layout.logFile(container.getName(), restartCount),
            options.logRotation(),
            limits,
            runAs);
    return new Prepared(config, mounts);
  }

  static String hostname(Pod pod) {
    String hostname = pod.getSpec().getHostname();
    String name = hostname != null && !hostname.isEmpty() ? hostname : pod.getMetadata().getName();
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /**
   * The user to run as: the container's, else the pod's, else the agent's configured one; none
   * means the agent's own user.
   */
  private ContainerConfig.RunAs runAs(Pod pod, Container container) throws SetupException {
    SecurityContext own = container.getSecurityContext();
    PodSecurityContext shared = pod.getSpec().getSecurityContext();
    Long uid = own != null && own.getRunAsUser() != null ? own.getRunAsUser() : null;
    if (uid == null && shared != null) {
      uid = shared.getRunAsUser();
    }
    Long gid = own != null && own.getRunAsGroup() != null ? own.getRunAsGroup() : null;
    if (gid == null && shared != null) {
      gid = shared.getRunAsGroup();
    }
    Boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : null;
    if (nonRoot == null && shared != null) {
      nonRoot = shared.getRunAsNonRoot();
    }
    ContainerConfig.RunAs configured = options.runAs();
    if (uid == null && configured != null) {
      uid = configured.uid();
      gid = gid != null ? gid : configured.gid();
    }
    long agent = AgentUser.uid();
    long effective = uid != null ? uid : agent;
    if (effective == 0 && (configured != null || Boolean.TRUE.equals(nonRoot))) {
      throw new SetupException(
          Waiting.CREATE_CONTAINER_CONFIG_ERROR,
          "container has runAsNonRoot and image will run as root (pod: \""
              + pod.getMetadata().getName()
              + "_"
              + pod.getMetadata().getNamespace()
              + "("
              + pod.getMetadata().getUid()
              + ")\", container: "
              + container.getName()
              + ")");
    }
    if (uid == null || uid == agent) {
      return null;
    }
    if (agent != 0) {
      throw new SetupException(
          Waiting.CREATE_CONTAINER_ERROR,
          "cannot run as user " + uid + ": the agent is not running as root");
    }
    return new ContainerConfig.RunAs(uid, gid != null ? gid : uid);
  }

  private static void chown(Path path, ContainerConfig.RunAs runAs) throws IOException {
    Files.setAttribute(path, "unix:uid", (int) runAs.uid());
    Files.setAttribute(path, "unix:gid", (int) runAs.gid());
  }
}

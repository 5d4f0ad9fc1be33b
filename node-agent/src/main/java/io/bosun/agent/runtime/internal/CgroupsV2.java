package io.bosun.agent.runtime.internal;

import io.bosun.agent.runtime.ContainerResources;
import io.bosun.agent.runtime.ResourceEnforcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** cgroup v2: one hierarchy, controllers enabled down to each container's leaf. */
final class CgroupsV2 extends Cgroups {
  private final Path base;

  private CgroupsV2(Path base) {
    this.base = base;
  }

  static Cgroups detect(String name, List<String> problems) {
    String own = ownPath("");
    String mount =
        mounts().stream()
            .filter(m -> m[0].equals("cgroup2"))
            .map(m -> m[1])
            .findFirst()
            .orElse(null);
    if (mount == null || own == null) {
      problems.add("no cgroup v2 hierarchy is mounted");
      return null;
    }
    Path parent = Path.of(mount + own);
    String controllers = ProcStat.readQuietly(parent.resolve("cgroup.controllers"));
    List<String> available = List.of(controllers.trim().split(" "));
    if (!available.contains("memory") || !available.contains("cpu")) {
      problems.add(
          "cgroup v2 at "
              + parent
              + " lacks the memory and cpu controllers (has: "
              + controllers.trim()
              + ")");
      return null;
    }
    Path base = parent.resolve(name);
    try {
      enable(parent);
      if (!writable(base, problems)) {
        return null;
      }
      enable(base);
      return new CgroupsV2(base);
    } catch (IOException e) {
      problems.add(
          "cannot enable the memory and cpu controllers below "
              + parent
              + " ("
              + e.getMessage()
              + "; a cgroup v2 that holds processes cannot delegate controllers)");
      return null;
    }
  }

  private static void enable(Path dir) throws IOException {
    write(dir.resolve("cgroup.subtree_control"), "+memory +cpu");
  }

  @Override
  ResourceEnforcement enforcement() {
    return new ResourceEnforcement(true, "cgroup v2 (memory, cpu) under " + base);
  }

  @Override
  Cgroup create(String group, String id, ContainerResources resources) throws IOException {
    Path pod = base.resolve(group);
    if (!Files.isDirectory(pod)) {
      Files.createDirectories(pod);
      enable(pod);
    }
    Path dir = Files.createDirectories(pod.resolve(id));
    if (resources.memoryLimitBytes() != null) {
      write(dir.resolve("memory.max"), Long.toString(resources.memoryLimitBytes()));
    }
    if (resources.cpuLimitMillis() != null) {
      write(
          dir.resolve("cpu.max"),
          cpuQuotaMicros(resources.cpuLimitMillis()) + " " + CPU_PERIOD_MICROS);
    }
    long weight = 1 + ((cpuShares(resources) - 2) * 9999) / 262142;
    write(dir.resolve("cpu.weight"), Long.toString(weight));
    return new Cgroup(List.of(dir));
  }
}

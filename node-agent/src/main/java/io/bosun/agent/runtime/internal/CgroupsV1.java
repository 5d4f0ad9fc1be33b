package io.bosun.agent.runtime.internal;

import io.bosun.agent.runtime.ContainerResources;
import io.bosun.agent.runtime.ResourceEnforcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** cgroup v1: a memory hierarchy and a cpu hierarchy, each with a directory per container. */
final class CgroupsV1 extends Cgroups {
  private final Path memory;
  private final Path cpu;

  private CgroupsV1(Path memory, Path cpu) {
    this.memory = memory;
    this.cpu = cpu;
  }

  static Cgroups detect(String name, List<String> problems) {
    Path memory = hierarchy("memory", name, problems);
    Path cpu = hierarchy("cpu", name, problems);
    if (memory == null || cpu == null) {
      return null;
    }
    return writable(memory, problems) && writable(cpu, problems)
        ? new CgroupsV1(memory, cpu)
        : null;
  }

  private static Path hierarchy(String controller, String name, List<String> problems) {
    for (String[] mount : mounts()) {
      List<String> options = List.of(mount[2].split(","));
      if (mount[0].equals("cgroup") && options.contains(controller)) {
        String controllers =
            String.join(
                ",",
                options.stream()
                    .filter(o -> List.of("cpu", "cpuacct", "memory", "cpuset").contains(o))
                    .toList());
        String own = ownPath(controllers);
        if (own != null) {
          return Path.of(mount[1] + own).resolve(name);
        }
      }
    }
    problems.add("no cgroup v1 " + controller + " hierarchy is mounted");
    return null;
  }

  @Override
  ResourceEnforcement enforcement() {
    return new ResourceEnforcement(
        true, "cgroup v1 (memory under " + memory + ", cpu under " + cpu + ")");
  }

  @Override
  Cgroup create(String group, String id, ContainerResources resources) throws IOException {
    Path memoryDir = Files.createDirectories(memory.resolve(group).resolve(id));
    Path cpuDir = Files.createDirectories(cpu.resolve(group).resolve(id));
    if (resources.memoryLimitBytes() != null) {
      write(
          memoryDir.resolve("memory.limit_in_bytes"), Long.toString(resources.memoryLimitBytes()));
    }
    if (resources.cpuLimitMillis() != null) {
      write(cpuDir.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
      write(
          cpuDir.resolve("cpu.cfs_quota_us"),
          Long.toString(cpuQuotaMicros(resources.cpuLimitMillis())));
    }
    write(cpuDir.resolve("cpu.shares"), Long.toString(cpuShares(resources)));
    return new Cgroup(List.of(memoryDir, cpuDir));
  }
}

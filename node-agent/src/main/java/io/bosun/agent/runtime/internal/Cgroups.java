package io.bosun.agent.runtime.internal;

import io.bosun.agent.runtime.ContainerResources;
import io.bosun.agent.runtime.ResourceEnforcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates containers' cgroups and applies their limits, under the agent's own cgroup so that pods
 * stay inside whatever limits the agent runs under. Either v2 (one hierarchy), v1 (memory and cpu
 * hierarchies), or none when neither is usable here.
 */
abstract class Cgroups {
  static final long CPU_PERIOD_MICROS = 100_000;

  abstract ResourceEnforcement enforcement();

  /** The cgroup of container {@code id} of pod {@code group}, created and limited. */
  abstract Cgroup create(String group, String id, ContainerResources resources) throws IOException;

  /** The cgroup at these directories, as a checkpoint recorded them. */
  Cgroup existing(List<Path> dirs) {
    return new Cgroup(dirs);
  }

  /** No cgroups: limits are not enforced, for the reason given. */
  static Cgroups none(String why) {
    ResourceEnforcement enforcement = new ResourceEnforcement(false, why);
    return new Cgroups() {
      @Override
      ResourceEnforcement enforcement() {
        return enforcement;
      }

      @Override
      Cgroup create(String group, String id, ContainerResources resources) {
        return Cgroup.NONE;
      }
    };
  }

  /** The best cgroup support this machine allows beneath {@code name}, or none with the reason. */
  static Cgroups detect(String name) {
    List<String> problems = new ArrayList<>();
    Cgroups found = CgroupsV2.detect(name, problems);
    if (found == null) {
      found = CgroupsV1.detect(name, problems);
    }
    return found != null
        ? found
        : none("resource limits are not enforced: " + String.join("; ", problems));
  }

  static long cpuShares(ContainerResources resources) {
    Long millis =
        resources.cpuRequestMillis() != null
            ? resources.cpuRequestMillis()
            : resources.cpuLimitMillis();
    return millis == null ? 1024 : Math.max(2, millis * 1024 / 1000);
  }

  static long cpuQuotaMicros(long millis) {
    return Math.max(1000, millis * CPU_PERIOD_MICROS / 1000);
  }

  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  /** Creates {@code dir} as a cgroup and proves it writable by creating a child and removing it. */
  static boolean writable(Path dir, List<String> problems) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createDirectories(dir.resolve("probe-" + ProcessHandle.current().pid()));
      Files.delete(probe);
      return true;
    } catch (IOException | SecurityException e) {
      problems.add("cannot create a cgroup under " + dir + " (" + e + ")");
      return false;
    }
  }

  /** The mount point of each cgroup hierarchy line of /proc/self/mountinfo, by filesystem type. */
  static List<String[]> mounts() {
    List<String[]> mounts = new ArrayList<>();
    for (String line : ProcStat.readQuietly(Path.of("/proc/self/mountinfo")).split("\n")) {
      int dash = line.indexOf(" - ");
      if (dash < 0) {
        continue;
      }
      String[] left = line.substring(0, dash).split(" ");
      String[] right = line.substring(dash + 3).split(" ");
      if (right.length >= 3 && right[0].startsWith("cgroup")) {
        // {fstype, mount point, super options}
        mounts.add(new String[] {right[0], left[4], right[2]});
      }
    }
    return mounts;
  }

  /** The agent's own cgroup path in the hierarchy whose /proc/self/cgroup controller field is c. */
  static String ownPath(String controllers) {
    for (String line : ProcStat.readQuietly(Path.of("/proc/self/cgroup")).split("\n")) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3
          && List.of(parts[1].split(",")).containsAll(List.of(controllers.split(",")))
          && (controllers.isEmpty() == parts[1].isEmpty())) {
        return parts[2];
      }
    }
    return null;
  }
}

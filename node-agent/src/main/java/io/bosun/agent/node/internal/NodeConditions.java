package io.bosun.agent.node.internal;

import io.fabric8.kubernetes.api.model.NodeCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The node conditions the kubelet reports, with its reasons and messages: MemoryPressure,
 * DiskPressure and PIDPressure measured against the kubelet's default hard eviction thresholds, and
 * Ready.
 */
final class NodeConditions {
  /** memory.available below 100 Mi is pressure (the kubelet's default). */
  static final long MEMORY_AVAILABLE_MIN = 100L << 20;

  /** nodefs.available below 10% is pressure (the kubelet's default). */
  static final double DISK_AVAILABLE_MIN_FRACTION = 0.10;

  /** Fewer than 10% of pid_max free is pressure. */
  static final double PID_AVAILABLE_MIN_FRACTION = 0.10;

  private NodeConditions() {}

  /** What was measured. */
  record Pressure(boolean memory, boolean disk, boolean pid) {}

  /** Measures the machine now; what cannot be read counts as no pressure. */
  static Pressure measure(Path dataDir) {
    return new Pressure(memoryPressure(), diskPressure(dataDir), pidPressure());
  }

  /**
   * The conditions for {@code pressure}; a condition keeps its transition time from {@code
   * previous} while its status stays the same.
   */
  static List<NodeCondition> of(Pressure pressure, List<NodeCondition> previous, Instant now) {
    List<NodeCondition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            "MemoryPressure",
            pressure.memory(),
            pressure.memory() ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory",
            pressure.memory()
                ? "kubelet has insufficient memory available"
                : "kubelet has sufficient memory available",
            previous,
            now));
    conditions.add(
        condition(
            "DiskPressure",
            pressure.disk(),
            pressure.disk() ? "KubeletHasDiskPressure" : "KubeletHasNoDiskPressure",
            pressure.disk() ? "kubelet has disk pressure" : "kubelet has no disk pressure",
            previous,
            now));
    conditions.add(
        condition(
            "PIDPressure",
            pressure.pid(),
            pressure.pid() ? "KubeletHasInsufficientPID" : "KubeletHasSufficientPID",
            pressure.pid()
                ? "kubelet has insufficient PID available"
                : "kubelet has sufficient PID available",
            previous,
            now));
    conditions.add(
        condition("Ready", true, "KubeletReady", "kubelet is posting ready status", previous, now));
    return conditions;
  }

  /** Whether two lists of conditions say the same, heartbeat times aside. */
  static boolean sameStatuses(List<NodeCondition> a, List<NodeCondition> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      NodeCondition x = a.get(i);
      NodeCondition y = b.get(i);
      // Conditions written by others (the node lifecycle controller) may lack any field.
      if (!Objects.equals(x.getType(), y.getType())
          || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason())) {
        return false;
      }
    }
    return true;
  }

  private static NodeCondition condition(
      String type,
      boolean value,
      String reason,
      String message,
      List<NodeCondition> previous,
      Instant now) {
    String status = value ? "True" : "False";
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String transition = time;
    if (previous != null) {
      for (NodeCondition old : previous) {
        if (type.equals(old.getType())
            && status.equals(old.getStatus())
            && old.getLastTransitionTime() != null) {
          transition = old.getLastTransitionTime();
        }
      }
    }
    NodeCondition condition = new NodeCondition();
    condition.setType(type);
    condition.setStatus(status);
    condition.setReason(reason);
    condition.setMessage(message);
    condition.setLastHeartbeatTime(time);
    condition.setLastTransitionTime(transition);
    return condition;
  }

  private static boolean memoryPressure() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          long available = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          return available < MEMORY_AVAILABLE_MIN;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Unknown: no pressure.
    }
    return false;
  }

  private static boolean diskPressure(Path dataDir) {
    try {
      var store = Files.getFileStore(dataDir);
      long total = store.getTotalSpace();
      return total > 0 && store.getUsableSpace() < total * DISK_AVAILABLE_MIN_FRACTION;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean pidPressure() {
    try {
      // Read by lines: a whole-file read of a sysctl file can stop after its first byte.
      long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0));
      // The fourth field of loadavg is running/total scheduling entities: every thread has a PID.
      String[] fields = Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split("\\s+");
      long used = Long.parseLong(fields[3].substring(fields[3].indexOf('/') + 1));
      return max - used < max * PID_AVAILABLE_MIN_FRACTION;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

package io.bosun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What /proc says about a process's CPU and memory, and the machine's load. */
final class Resources {
  private Resources() {}

  /** The process's CPU time so far, in nanoseconds; 0 once it has gone. */
  static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** The process's resident set size in KiB (VmRSS); 0 if unknown. */
  static long rssKib(ProcessHandle process) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone or unreadable: unknown.
    }
    return 0;
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

package io.bosun.agent.pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's memory and search path: the defaults of {@link PodRuntimeOptions}, and what the
 * agent reports as the Node's memory capacity.
 */
public final class NodeResources {
  private NodeResources() {}

  /** MemTotal of /proc/meminfo, or 1 GiB if it cannot be read. */
  public static long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Fall through to the default.
    }
    return 1L << 30;
  }

  /** The agent's PATH, or the usual directories. */
  public static String path() {
    String path = System.getenv("PATH");
    return path != null && !path.isEmpty()
        ? path
        : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  }
}

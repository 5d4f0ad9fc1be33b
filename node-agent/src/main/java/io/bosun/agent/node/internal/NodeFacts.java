package io.bosun.agent.node.internal;

import io.bosun.agent.pod.NodeResources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the agent reports about its machine: processors, memory, disk, and the identity fields of
 * the Node's {@code status.nodeInfo}.
 *
 * @param cpus the processors this JVM sees
 * @param memoryBytes the machine's memory (MemTotal)
 * @param storageBytes the size of the filesystem holding the data directory
 * @param hostname the host name
 * @param kernelVersion the kernel release
 * @param osImage the distribution's PRETTY_NAME
 * @param architecture the Go name of the architecture ({@code amd64}, {@code arm64})
 * @param machineID {@code /etc/machine-id}
 * @param systemUUID the DMI product UUID, or the machine ID where it cannot be read
 * @param bootID {@code /proc/sys/kernel/random/boot_id}
 */
public record NodeFacts(
    int cpus,
    long memoryBytes,
    long storageBytes,
    String hostname,
    String kernelVersion,
    String osImage,
    String architecture,
    String machineID,
    String systemUUID,
    String bootID) {

  /** Reads the facts of this machine; {@code dataDir} must exist. */
  public static NodeFacts probe(Path dataDir) {
    String machineId = firstLine(Path.of("/etc/machine-id"), "");
    return new NodeFacts(
        Runtime.getRuntime().availableProcessors(),
        NodeResources.memoryBytes(),
        totalSpace(dataDir),
        localHostname(),
        System.getProperty("os.version", ""),
        readOsImage(),
        goArch(System.getProperty("os.arch", "")),
        machineId,
        firstLine(Path.of("/sys/class/dmi/id/product_uuid"), machineId),
        firstLine(Path.of("/proc/sys/kernel/random/boot_id"), ""));
  }

  /** The host name, as Go's os.Hostname reads it, in lower case as the kubelet's node name. */
  public static String localHostname() {
    String name = firstLine(Path.of("/proc/sys/kernel/hostname"), "");
    if (name.isEmpty()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "localhost";
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** Go's GOARCH for a Java {@code os.arch}. */
  static String goArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> javaArch;
    };
  }

  private static long totalSpace(Path dir) {
    try {
      return Files.getFileStore(dir).getTotalSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readOsImage() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // Fall through: the kubelet reports "Unknown" too.
    }
    return "Unknown";
  }

  /**
   * The first line of a file; by lines, since a whole-file read of a sysctl file can stop short.
   */
  private static String firstLine(Path file, String otherwise) {
    try {
      List<String> lines = Files.readAllLines(file);
      String text = lines.isEmpty() ? "" : lines.get(0).trim();
      return text.isEmpty() ? otherwise : text;
    } catch (IOException e) {
      return otherwise;
    }
  }
}

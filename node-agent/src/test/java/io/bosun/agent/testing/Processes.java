package io.bosun.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about host processes for tests: a zombie waiting to be reaped counts as gone. */
public final class Processes {
  private Processes() {}

  /** Whether process {@code pid} exists and has not exited. */
  public static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The program of a running container: the child of its supervisor, found by the supervisor's
   * arguments, which name the container's directory.
   *
   * @param containerID the status's containerID ({@code bosun-process://<id>})
   * @return its PID, or -1 if it is not running
   */
  public static long programOf(String containerID) {
    String id = containerID.substring(containerID.indexOf("://") + 3);
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(args -> String.join(" ", args).contains("/" + id + "/exit"))
                    .orElse(false))
        .flatMap(ProcessHandle::children)
        .map(ProcessHandle::pid)
        .findFirst()
        .orElse(-1L);
  }
}

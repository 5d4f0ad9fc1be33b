package io.bosun.agent.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process as {@code /proc/<pid>/stat} describes it: enough to tell a live process from a zombie,
 * to find the members of a session, and to tell a process from a later one that reuses its ID.
 *
 * @param pid the process ID
 * @param state the state letter ({@code Z} for a zombie)
 * @param session the session ID
 * @param startTicks when the process started, in clock ticks since boot
 */
record ProcStat(long pid, char state, long session, long startTicks) {
  private static final Path PROC = Path.of("/proc");

  /** The process {@code pid}, if it exists. */
  static Optional<ProcStat> read(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(
          new ProcStat(
              pid, fields[0].charAt(0), Long.parseLong(fields[3]), Long.parseLong(fields[19])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the process exists and has not exited. */
  boolean alive() {
    return state != 'Z' && state != 'X';
  }

  /** Whether {@code pid} is alive and is the process that started at {@code startTicks}. */
  static boolean isAlive(long pid, long startTicks) {
    return read(pid).filter(ProcStat::alive).filter(p -> p.startTicks == startTicks).isPresent();
  }

  /** The live processes of session {@code session}. */
  static List<Long> sessionMembers(long session) {
    List<Long> members = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        read(pid).filter(p -> p.session == session && p.alive()).ifPresent(p -> members.add(p.pid));
      }
    } catch (IOException e) {
      // /proc always lists; a failure leaves the caller with what was found.
    }
    return members;
  }

  /** The text of a file, or empty if it cannot be read. */
  static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

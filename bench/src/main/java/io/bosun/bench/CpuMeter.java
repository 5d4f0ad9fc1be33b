package io.bosun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time of the processes in a benchmark (this client JVM, the apiserver, PostgreSQL) and of the
 * whole machine, so that a table can show whether the client was the bottleneck and how much other
 * load shared the cores.
 */
final class CpuMeter {
  /** Linux's USER_HZ, the unit of /proc/stat; 100 on every mainstream architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final ProcessHandle apiserver;
  private final long postmasterPid;

  /** A point-in-time reading; CPU times in nanoseconds. */
  record Sample(long wall, long client, long apiserver, long postgres, long machine) {}

  /** Average cores busy between two samples. */
  record Usage(double client, double apiserver, double postgres, double machine) {
    /** Cores used by processes outside the benchmark (other builds on a shared machine). */
    double others() {
      return Math.max(0, machine - client - apiserver - postgres);
    }

    static Usage between(Sample from, Sample to) {
      double wall = Math.max(1, to.wall() - from.wall());
      return new Usage(
          (to.client() - from.client()) / wall,
          (to.apiserver() - from.apiserver()) / wall,
          (to.postgres() - from.postgres()) / wall,
          (to.machine() - from.machine()) / wall);
    }
  }

  /**
   * @param apiserver the apiserver process
   * @param postgresDataDir the data directory of the PostgreSQL server, whose postmaster.pid names
   *     the postmaster; its backends are its child processes
   */
  CpuMeter(ProcessHandle apiserver, Path postgresDataDir) throws IOException {
    this.apiserver = apiserver;
    this.postmasterPid =
        Long.parseLong(Files.readAllLines(postgresDataDir.resolve("postmaster.pid")).get(0).trim());
  }

  Sample sample() {
    return new Sample(
        System.nanoTime(), cpu(ProcessHandle.current()), cpu(apiserver), postgres(), machineBusy());
  }

  /**
   * PostgreSQL's CPU time: the postmaster's, its live backends' (its children), and its reaped
   * backends' (its children's time), so the sum does not drop when one disconnects. A backend
   * reaped while its siblings are read would count twice or not at all, so the reading is taken
   * again until the reaped children's time stayed the same across it.
   */
  private long postgres() {
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElse(null);
    if (postmaster == null) {
      return 0;
    }
    for (int attempt = 0; ; attempt++) {
      long reaped = reapedChildrenTicks(postmasterPid);
      long live = postmaster.children().mapToLong(c -> procTicks(c.pid())).sum();
      if (reapedChildrenTicks(postmasterPid) == reaped || attempt == 9) {
        return procTicks(postmasterPid) + reaped + live;
      }
    }
  }

  private static long cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** A process's own CPU time in /proc/PID/stat (utime, stime), in nanoseconds; 0 once gone. */
  private static long procTicks(long pid) {
    return statTicks(pid, 11);
  }

  /** The CPU time of a process's reaped children (cutime, cstime), in nanoseconds. */
  private static long reapedChildrenTicks(long pid) {
    return statTicks(pid, 13);
  }

  /** Fields {@code first} and {@code first + 1} of /proc/PID/stat, in nanoseconds; 0 once gone. */
  private static long statTicks(long pid, int first) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: state is [0].
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Busy time of all cores from the first line of /proc/stat (everything but idle and iowait). */
  private static long machineBusy() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}

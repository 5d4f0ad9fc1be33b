package io.bosun.agent.runtime.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that start a container and run a command beside one. A container's first
 * process is a small {@code sh} supervisor (like containerd's shim or conmon): {@code setsid} makes
 * it the leader of a new session and process group, so that the whole container can be signalled
 * and found; it joins the container's cgroup, points its output at the container's two pipes, runs
 * the program, and records the program's exit code in a file, so that an agent that restarts and is
 * no longer the parent can still learn how the container ended.
 *
 * <p>The supervisor catches (rather than ignores) the termination signals: a caught signal is reset
 * to the default in the program it runs, and the shell defers the trap until the program exits, so
 * the program gets SIGTERM and the supervisor lives to record its exit code.
 */
final class Shim {
  static final String SETSID = "/usr/bin/setsid";
  static final String SH = "/bin/sh";

  private static final String CONTAINER =
      "exit_file=$1; out=$2; err=$3; n=$4; shift 4\n"
          + "exec 1<>\"$out\" 2<>\"$err\" </dev/null\n"
          + joinCgroups()
          // The shell reports a child killed by a signal ("Killed", "Terminated") on its own
          // stderr: keep that out of the container's log by giving the program the log through
          // fd 4 and an inner sh that execs it.
          + "exec 4>&2 2>/dev/null\n"
          + "trap : TERM INT HUP QUIT USR1 USR2\n"
          + "/bin/sh -c 'exec 2>&4 4>&-; exec \"$@\"' bosun-program \"$@\"\n"
          + "code=$?\n"
          + "echo $code > \"$exit_file\"\n"
          + "exit $code\n";

  private static final String EXEC = "n=$1; shift\n" + joinCgroups() + "exec \"$@\"\n";

  private Shim() {}

  private static String joinCgroups() {
    return "while [ \"$n\" -gt 0 ]; do\n"
        + "  echo $$ > \"$1\" || { echo \"bosun: cannot join cgroup $1\" >&2; exit 125; }\n"
        + "  shift; n=$((n - 1))\n"
        + "done\n";
  }

  /** The command line of a container's supervisor. */
  static List<String> container(
      Path exitFile, Path stdout, Path stderr, List<Path> cgroupProcs, List<String> argv) {
    List<String> command =
        new ArrayList<>(
            List.of(
                SETSID,
                SH,
                "-c",
                CONTAINER,
                "bosun-shim",
                exitFile.toString(),
                stdout.toString(),
                stderr.toString()));
    return withArgs(command, cgroupProcs, argv);
  }

  /** The command line of a command run beside a container, in its cgroup and its own session. */
  static List<String> exec(List<Path> cgroupProcs, List<String> argv) {
    return withArgs(
        new ArrayList<>(List.of(SETSID, SH, "-c", EXEC, "bosun-exec")), cgroupProcs, argv);
  }

  private static List<String> withArgs(
      List<String> command, List<Path> cgroupProcs, List<String> argv) {
    command.add(Integer.toString(cgroupProcs.size()));
    cgroupProcs.forEach(file -> command.add(file.toString()));
    command.addAll(argv);
    return command;
  }
}

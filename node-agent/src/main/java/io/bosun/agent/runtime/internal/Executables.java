package io.bosun.agent.runtime.internal;

import io.bosun.agent.runtime.ContainerStartException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way {@code execvp} does, with the messages a container runtime gives. */
public final class Executables {
  /** The search path for a container whose environment sets none. */
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Executables() {}

  /** The first executable named {@code name} in the directories of {@code path}. */
  public static Optional<Path> which(String name, String path) {
    for (String dir : (path == null ? DEFAULT_PATH : path).split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The program {@code argv0} names: itself if it holds a slash (relative to {@code workingDir}),
   * else the first match on {@code path}.
   *
   * @throws ContainerStartException with reason StartError if there is no such executable
   */
  public static Path resolve(String argv0, String path, Path workingDir) {
    if (argv0.isEmpty()) {
      throw new ContainerStartException(
          ContainerStartException.START_ERROR, "exec: \"\": executable file not found in $PATH");
    }
    if (!argv0.contains("/")) {
      return which(argv0, path)
          .orElseThrow(
              () ->
                  new ContainerStartException(
                      ContainerStartException.START_ERROR,
                      "exec: \"" + argv0 + "\": executable file not found in $PATH"));
    }
    Path program = workingDir.resolve(argv0);
    if (!Files.exists(program)) {
      throw new ContainerStartException(
          ContainerStartException.START_ERROR,
          "exec: \"" + argv0 + "\": stat " + argv0 + ": no such file or directory");
    }
    if (Files.isDirectory(program) || !Files.isExecutable(program)) {
      throw new ContainerStartException(
          ContainerStartException.START_ERROR, "exec: \"" + argv0 + "\": permission denied");
    }
    return program;
  }
}

package io.bosun.agent.logs;

/**
 * How a container's log file is rotated: when a write would take the file past {@link
 * #maxFileBytes}, the file is renamed and a new one begun, and only the newest {@link #maxFiles}
 * files of the container's run are kept. The defaults are the kubelet's.
 *
 * @param maxFileBytes the size at which a log file is rotated
 * @param maxFiles how many files of one run are kept, the one being written included
 */
public record LogRotation(long maxFileBytes, int maxFiles) {
  /** The kubelet's containerLogMaxSize: 10 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

  /** The kubelet's containerLogMaxFiles: 5. */
  public static final int DEFAULT_MAX_FILES = 5;

  /** The defaults. */
  public static final LogRotation DEFAULTS =
      new LogRotation(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code maxFileBytes < 1024} or {@code maxFiles < 2}
   */
  public LogRotation {
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException("maxFileBytes must be at least 1024: " + maxFileBytes);
    }
    if (maxFiles < 2) {
      throw new IllegalArgumentException("maxFiles must be at least 2: " + maxFiles);
    }
  }
}

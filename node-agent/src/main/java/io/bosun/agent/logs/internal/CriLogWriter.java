package io.bosun.agent.logs.internal;

import io.bosun.agent.logs.LogRotation;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * Writes one container run's log file in the CRI format, one entry per line of output, and rotates
 * it by size. Both streams of a container write through one writer; entries never interleave.
 */
public final class CriLogWriter implements Closeable {
  private final Path file;
  private final LogRotation rotation;
  private final Clock clock;
  private OutputStream out;
  private long size;

  /** Opens (appending to) {@code file}, creating its directory. */
  public CriLogWriter(Path file, LogRotation rotation, Clock clock) {
    this.file = file;
    this.rotation = rotation;
    this.clock = clock;
    try {
      Files.createDirectories(file.getParent());
      open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void open() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  /**
   * Appends one entry, stamped now.
   *
   * @param stream {@code stdout} or {@code stderr}
   * @param partial whether the text is part of a longer line (CRI tag P) rather than a whole line
   *     (tag F); {@code text} never holds the newline
   */
  public synchronized void write(
      String stream, byte[] text, int offset, int length, boolean partial) throws IOException {
    if (out == null) {
      return;
    }
    byte[] head =
        (CriFormat.timestamp(clock.instant()) + " " + stream + (partial ? " P " : " F "))
            .getBytes(StandardCharsets.US_ASCII);
    long entry = head.length + length + 1L;
    if (size > 0 && size + entry > rotation.maxFileBytes()) {
      rotate();
    }
    out.write(head);
    out.write(text, offset, length);
    out.write('\n');
    out.flush();
    size += entry;
  }

  private void rotate() throws IOException {
    out.close();
    List<Path> rotated = LogFiles.rotated(file);
    long next = rotated.isEmpty() ? 1 : LogFiles.sequence(rotated.get(rotated.size() - 1)) + 1;
    Files.move(file, LogFiles.rotatedName(file, next));
    rotated = LogFiles.rotated(file);
    for (int i = 0; i < rotated.size() - (rotation.maxFiles() - 1); i++) {
      Files.deleteIfExists(rotated.get(i));
    }
    open();
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}

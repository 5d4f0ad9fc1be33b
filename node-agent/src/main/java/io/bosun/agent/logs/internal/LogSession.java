package io.bosun.agent.logs.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One reader's position in a run's log files: the rotated files still to read, the current file's
 * open channel, and the output still owed to a tail request. Not thread-safe: one read at a time.
 */
final class LogSession {
  static final byte[] END = new byte[0];
  static final byte[] NOTHING = new byte[0];
  private static final int CHUNK = 32 * 1024;

  private final Path file;
  private final Instant since;
  private final boolean timestamps;
  private long remaining;
  private final Deque<Path> older = new ArrayDeque<>();
  private final LineReader lines = new LineReader();
  private FileChannel older0;
  private FileChannel current;
  private Object currentKey;
  private Deque<byte[]> tail;
  private final Long tailLines;
  private boolean started;

  LogSession(Path file, Long tailLines, Instant since, boolean timestamps, long limitBytes) {
    this.file = file;
    this.tailLines = tailLines;
    this.since = since;
    this.timestamps = timestamps;
    this.remaining = limitBytes;
  }

  boolean exhausted() {
    return remaining <= 0;
  }

  /** The next output (empty when nothing is available now). */
  byte[] nextChunk() throws IOException {
    if (!started) {
      start();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < CHUNK && remaining > 0) {
      byte[] line = tail != null && !tail.isEmpty() ? tail.poll() : nextLine();
      if (line == null) {
        break;
      }
      emit(line, out);
    }
    return out.toByteArray();
  }

  private void start() throws IOException {
    started = true;
    List<Path> rotated = LogFiles.rotated(file);
    older.addAll(rotated);
    openCurrent();
    if (tailLines != null) {
      tail = new ArrayDeque<>();
      for (byte[] line = nextLine(); line != null; line = nextLine()) {
        tail.add(line);
        if (tail.size() > tailLines) {
          tail.poll();
        }
      }
    }
  }

  private void openCurrent() throws IOException {
    try {
      current = FileChannel.open(file, StandardOpenOption.READ);
      currentKey = key(file);
    } catch (NoSuchFileException e) {
      current = null;
    }
  }

  /** The next whole line of the files, or null at the end of the current file. */
  private byte[] nextLine() throws IOException {
    while (true) {
      if (older0 == null && !older.isEmpty()) {
        try {
          older0 = FileChannel.open(older.poll(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
          continue;
        }
        lines.reset();
      }
      FileChannel channel = older0 != null ? older0 : current;
      if (channel == null) {
        return null;
      }
      byte[] line = lines.next(channel);
      if (line != null || channel == current) {
        return line;
      }
      older0.close();
      older0 = null;
      lines.reset();
    }
  }

  /** Moves to a new current file if the one being read was rotated away; true if it moved. */
  boolean switchIfRotated() throws IOException {
    Object now = key(file);
    if (now == null || now.equals(currentKey)) {
      return false;
    }
    // Files rotated after the one being read come before the new current file; if the one being
    // read is gone, every file left is newer than it.
    List<Path> rotated = LogFiles.rotated(file);
    int reading = -1;
    for (int i = 0; i < rotated.size(); i++) {
      if (Objects.equals(key(rotated.get(i)), currentKey)) {
        reading = i;
      }
    }
    older.addAll(rotated.subList(reading + 1, rotated.size()));
    if (current != null) {
      current.close();
    }
    lines.reset();
    openCurrent();
    return true;
  }

  private void emit(byte[] line, ByteArrayOutputStream out) {
    CriFormat.Entry entry = CriFormat.parse(line, line.length);
    if (entry == null || (since != null && entry.time().isBefore(since))) {
      return;
    }
    ByteArrayOutputStream formatted = new ByteArrayOutputStream(entry.text().length + 40);
    if (timestamps) {
      formatted.writeBytes((entry.timestamp() + " ").getBytes(StandardCharsets.US_ASCII));
    }
    formatted.writeBytes(entry.text());
    if (!entry.partial()) {
      formatted.write('\n');
    }
    byte[] bytes = formatted.toByteArray();
    int length = (int) Math.min(bytes.length, remaining);
    out.write(bytes, 0, length);
    remaining -= length;
  }

  private static Object key(Path path) {
    try {
      return Objects.requireNonNullElse(
          Files.readAttributes(path, BasicFileAttributes.class).fileKey(), path);
    } catch (IOException e) {
      return null;
    }
  }

  void close() {
    try {
      if (older0 != null) {
        older0.close();
      }
      if (current != null) {
        current.close();
      }
    } catch (IOException e) {
      // Nothing to do: the reader is going away.
    }
  }

  /** Splits a channel's bytes into lines, keeping an unfinished line for the next read. */
  private static final class LineReader {
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineReader() {
      buffer.flip();
    }

    void reset() {
      buffer.clear().flip();
      pending.reset();
    }

    byte[] next(FileChannel channel) throws IOException {
      while (true) {
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == '\n') {
            byte[] line = pending.toByteArray();
            pending.reset();
            return line;
          }
          pending.write(b);
        }
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        if (read <= 0) {
          return null;
        }
      }
    }
  }
}

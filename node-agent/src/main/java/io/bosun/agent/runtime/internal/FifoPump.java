package io.bosun.agent.runtime.internal;

import io.bosun.agent.logs.internal.CriLogWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Copies one output stream of a container from its named pipe into the log file, a line per entry.
 * The pipe outlives the agent (the container holds it open for reading and writing), so a later
 * agent picks up where this one stopped. Lines longer than {@link #MAX_LINE} are split into partial
 * entries, as container runtimes do.
 */
final class FifoPump implements Runnable {
  static final int MAX_LINE = 16 * 1024;
  private static final Logger LOG = Logger.getLogger(FifoPump.class);

  private final Path fifo;
  private final String stream;
  private final CriLogWriter writer;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile FileChannel channel;
  private volatile boolean closed;

  FifoPump(Path fifo, String stream, CriLogWriter writer) {
    this.fifo = fifo;
    this.stream = stream;
    this.writer = writer;
  }

  /** Starts the pump on its own daemon thread. */
  FifoPump start(String name) {
    Thread thread = new Thread(this, "bosun-log-" + name + "-" + stream);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  @Override
  public void run() {
    byte[] line = new byte[MAX_LINE];
    int length = 0;
    try (FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ)) {
      channel = in;
      if (closed) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      while (in.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == '\n') {
            writer.write(stream, line, 0, length, false);
            length = 0;
          } else {
            line[length++] = b;
            if (length == MAX_LINE) {
              writer.write(stream, line, 0, length, true);
              length = 0;
            }
          }
        }
        buffer.clear();
      }
      if (length > 0) {
        writer.write(stream, line, 0, length, true);
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.debugf(e, "log pipe %s closed", fifo);
      }
    } finally {
      done.countDown();
    }
  }

  /** Waits up to {@code millis} for the pipe's writers to be gone and the output copied. */
  boolean awaitDrained(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops copying. A pump still waiting for the pipe to open is released by opening the pipe's
   * other end for a moment.
   */
  void close() {
    closed = true;
    FileChannel open = channel;
    try {
      if (open != null) {
        open.close();
      } else if (done.getCount() > 0) {
        FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
      }
    } catch (IOException e) {
      // The pipe is gone already; the pump ends on its own.
    }
  }
}

package io.bosun.agent.logs.internal;

import io.bosun.agent.logs.LogOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reads a container run's CRI log files back as {@code kubectl logs} shows them: the text of each
 * entry, optionally prefixed with its time, limited by tail lines, since time and byte count, and
 * followed while the run may still write.
 */
public final class CriLogReader {
  /** How often a follower looks for new output once it has read everything. */
  static final Duration FOLLOW_POLL = Duration.ofMillis(100);

  private CriLogReader() {}

  /**
   * The log of the run whose current file is {@code file}, as chunks of output. The items are
   * chunks of whole entries; the stream honours back-pressure, and reading happens on {@code
   * executor}.
   *
   * @param running whether the run may still write; a follower ends once this is false and it has
   *     read everything
   */
  public static Multi<byte[]> read(
      Path file,
      LogOptions options,
      BooleanSupplier running,
      Clock clock,
      ScheduledExecutorService executor) {
    Instant since = since(options, clock);
    boolean follow = options.follow();
    long limit = options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes();
    boolean timestamps = options.timestamps();
    Long tail = options.tailLines();
    return Multi.createFrom()
        .deferred(
            () -> {
              LogSession session = new LogSession(file, tail, since, timestamps, limit);
              return Multi.createBy()
                  .repeating()
                  .uni(() -> session, s -> next(s, follow, running, executor))
                  .until(chunk -> chunk == LogSession.END)
                  .select()
                  .where(chunk -> chunk.length > 0)
                  .onTermination()
                  .invoke(session::close);
            });
  }

  private static Uni<byte[]> next(
      LogSession session, boolean follow, BooleanSupplier running, ScheduledExecutorService pool) {
    return Uni.createFrom()
        .emitter(
            emitter ->
                pool.execute(
                    () -> {
                      try {
                        boolean mayWrite = running.getAsBoolean();
                        byte[] chunk = session.nextChunk();
                        if (chunk.length > 0 || session.exhausted()) {
                          emitter.complete(chunk.length > 0 ? chunk : LogSession.END);
                        } else if (!follow) {
                          emitter.complete(LogSession.END);
                        } else if (session.switchIfRotated()) {
                          emitter.complete(LogSession.NOTHING);
                        } else if (!mayWrite) {
                          emitter.complete(LogSession.END);
                        } else {
                          pool.schedule(
                              () -> emitter.complete(LogSession.NOTHING),
                              FOLLOW_POLL.toMillis(),
                              TimeUnit.MILLISECONDS);
                        }
                      } catch (IOException e) {
                        emitter.fail(new UncheckedIOException(e));
                      } catch (RuntimeException e) {
                        emitter.fail(e);
                      }
                    }));
  }

  private static Instant since(LogOptions options, Clock clock) {
    if (options.sinceTime() != null) {
      return options.sinceTime();
    }
    if (options.sinceSeconds() != null) {
      return clock.instant().minusSeconds(options.sinceSeconds());
    }
    return null;
  }
}

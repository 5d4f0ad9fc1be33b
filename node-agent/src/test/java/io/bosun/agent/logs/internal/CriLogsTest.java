package io.bosun.agent.logs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.logs.LogRotation;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private Path file() {
    return dir.resolve("c/0.log");
  }

  private void write(CriLogWriter writer, String stream, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writer.write(stream, bytes, 0, bytes.length, false);
  }

  private String read(LogOptions options) {
    return read(options, () -> false);
  }

  private String read(LogOptions options, java.util.function.BooleanSupplier running) {
    StringBuilder out = new StringBuilder();
    CriLogReader.read(file(), options, running, clock, executor)
        .subscribe()
        .withSubscriber(AssertSubscriber.<byte[]>create(Long.MAX_VALUE))
        .awaitCompletion(Duration.ofSeconds(10))
        .getItems()
        .forEach(chunk -> out.append(new String(chunk, StandardCharsets.UTF_8)));
    return out.toString();
  }

  @Test
  void writesCriEntriesAndReadsBackTheTextOfBothStreams() throws Exception {
    try (CriLogWriter writer = new CriLogWriter(file(), LogRotation.DEFAULTS, clock)) {
      write(writer, "stdout", "one");
      write(writer, "stderr", "two");
    }

    assertThat(java.nio.file.Files.readString(file()))
        .isEqualTo(
            "2026-01-01T00:00:00.000000000Z stdout F one\n"
                + "2026-01-01T00:00:00.000000000Z stderr F two\n");
    assertThat(read(LogOptions.DEFAULTS)).isEqualTo("one\ntwo\n");
    assertThat(read(LogOptions.builder().timestamps(true).build()))
        .isEqualTo("2026-01-01T00:00:00.000000000Z one\n" + "2026-01-01T00:00:00.000000000Z two\n");
  }

  @Test
  void rotatesBySizeKeepsTheNewestFilesAndReadsAcrossThem() throws Exception {
    try (CriLogWriter writer = new CriLogWriter(file(), new LogRotation(1024, 3), clock)) {
      for (int i = 0; i < 100; i++) {
        write(writer, "stdout", String.format("line %03d %s", i, "x".repeat(40)));
      }
    }

    assertThat(LogFiles.all(file())).hasSize(3);
    String all = read(LogOptions.DEFAULTS);
    assertThat(all).endsWith("line 099 " + "x".repeat(40) + "\n").doesNotContain("line 000");
    assertThat(read(LogOptions.builder().tailLines(2L).build()))
        .isEqualTo("line 098 " + "x".repeat(40) + "\nline 099 " + "x".repeat(40) + "\n");
  }

  @Test
  void sinceTimeAndSinceSecondsSkipOlderLinesAndLimitBytesCutsTheOutput() throws Exception {
    try (CriLogWriter writer = new CriLogWriter(file(), LogRotation.DEFAULTS, clock)) {
      write(writer, "stdout", "old");
      now.set(T0.plusSeconds(60));
      write(writer, "stdout", "new");
    }
    now.set(T0.plusSeconds(90));

    assertThat(read(LogOptions.builder().sinceTime(T0.plusSeconds(30)).build())).isEqualTo("new\n");
    assertThat(read(LogOptions.builder().sinceSeconds(45L).build())).isEqualTo("new\n");
    assertThat(read(LogOptions.builder().limitBytes(5L).build())).isEqualTo("old\nn");
  }

  @Test
  void tailThenSinceAsTheKubeletDoes() throws Exception {
    try (CriLogWriter writer = new CriLogWriter(file(), LogRotation.DEFAULTS, clock)) {
      write(writer, "stdout", "a");
      write(writer, "stdout", "b");
      now.set(T0.plusSeconds(60));
      write(writer, "stdout", "c");
    }

    assertThat(read(LogOptions.builder().tailLines(2L).sinceTime(T0.plusSeconds(1)).build()))
        .isEqualTo("c\n");
    assertThat(read(LogOptions.builder().tailLines(0L).build())).isEmpty();
  }

  @Test
  void followStreamsNewLinesThroughRotationUntilTheRunEnds() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    CriLogWriter writer = new CriLogWriter(file(), new LogRotation(1024, 5), clock);
    write(writer, "stdout", "first");
    AssertSubscriber<byte[]> subscriber =
        CriLogReader.read(
                file(), LogOptions.builder().follow(true).build(), running::get, clock, executor)
            .subscribe()
            .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    await().until(() -> subscriber.getItems().size() == 1);

    for (int i = 0; i < 60; i++) {
      write(writer, "stdout", String.format("more %02d %s", i, "y".repeat(30)));
    }
    writer.close();
    assertThat(LogFiles.rotated(file())).isNotEmpty();
    await().until(() -> text(subscriber).contains("more 59"));
    running.set(false);

    subscriber.awaitCompletion(Duration.ofSeconds(5));
    String text = text(subscriber);
    assertThat(text).startsWith("first\nmore 00 ");
    for (int i = 0; i < 60; i++) {
      assertThat(text).contains(String.format("more %02d ", i));
    }
  }

  private static String text(AssertSubscriber<byte[]> subscriber) {
    StringBuilder out = new StringBuilder();
    subscriber.getItems().forEach(c -> out.append(new String(c, StandardCharsets.UTF_8)));
    return out.toString();
  }

  @Test
  void splitsLongLinesIntoPartialEntriesThatReadBackWhole() throws Exception {
    try (CriLogWriter writer = new CriLogWriter(file(), LogRotation.DEFAULTS, clock)) {
      byte[] part = "ab".getBytes(StandardCharsets.UTF_8);
      writer.write("stdout", part, 0, 2, true);
      write(writer, "stdout", "cd");
    }

    assertThat(java.nio.file.Files.readString(file())).contains(" stdout P ab\n");
    assertThat(read(LogOptions.DEFAULTS)).isEqualTo("abcd\n");
  }
}

package io.bosun.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs N clients in a closed loop (each starts its next operation when the previous one ends) for a
 * warm-up and then a measured window. Operations started in the measured window are counted; each
 * reports the latency to record, so that client-side decoding can be left out of it.
 */
final class ClosedLoop {
  /** An operation issued without blocking; its stage yields the latency in nanoseconds. */
  interface AsyncOperation {
    CompletionStage<Long> run();
  }

  /** One blocking client (a thread with its own connection); {@code run} returns nanoseconds. */
  interface BlockingClient extends AutoCloseable {
    long run() throws Exception;
  }

  /** Opens one {@link BlockingClient} per client thread. */
  interface BlockingClients {
    BlockingClient open() throws Exception;
  }

  /** What one measured window gave. */
  record Outcome(
      long operations, long errors, Latencies latencies, double seconds, CpuMeter.Usage cpu) {
    double rate() {
      return operations / seconds;
    }
  }

  private final Duration warmup;
  private final Duration measured;
  private final CpuMeter cpu;
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();

  ClosedLoop(Duration warmup, Duration measured, CpuMeter cpu) {
    this.warmup = warmup;
    this.measured = measured;
    this.cpu = cpu;
  }

  /** Runs {@code clients} asynchronous loops of {@code operation}. */
  Outcome async(int clients, AsyncOperation operation) throws InterruptedException {
    Window window = new Window();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loops.add(done);
      next(operation, window, done);
    }
    CpuMeter.Usage usage = window.measureCpu();
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new))
        .orTimeout(measured.toSeconds() + 120, TimeUnit.SECONDS)
        .join();
    return window.outcome(usage);
  }

  private void next(AsyncOperation operation, Window window, CompletableFuture<Void> done) {
    // Iterates while operations complete at once (a synchronous failure), so the stack stays flat.
    while (true) {
      long start = System.nanoTime();
      if (start >= window.end) {
        done.complete(null);
        return;
      }
      CompletableFuture<Long> result;
      try {
        result = operation.run().toCompletableFuture();
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      if (!result.isDone()) {
        result.whenComplete(
            (nanos, failure) -> {
              window.record(start, nanos, failure);
              next(operation, window, done);
            });
        return;
      }
      try {
        window.record(start, result.join(), null);
      } catch (CompletionException e) {
        window.record(start, null, e.getCause());
      }
    }
  }

  /** Runs {@code clients} threads, each looping over its own {@link BlockingClient}. */
  Outcome blocking(int clients, BlockingClients factory) throws InterruptedException {
    Window window = new Window();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread thread =
          new Thread(
              () -> {
                try (BlockingClient client = factory.open()) {
                  long start;
                  while ((start = System.nanoTime()) < window.end) {
                    try {
                      window.record(start, client.run(), null);
                    } catch (Exception e) {
                      window.record(start, null, e);
                    }
                  }
                } catch (Exception e) {
                  window.record(window.end, null, e);
                }
              },
              "raw-client-" + i);
      threads.add(thread);
      thread.start();
    }
    CpuMeter.Usage usage = window.measureCpu();
    for (Thread thread : threads) {
      thread.join();
    }
    return window.outcome(usage);
  }

  /** The first failure seen, for the log; null when there was none. */
  Throwable firstError() {
    return firstError.get();
  }

  /** One warm-up plus measured window and what it recorded. */
  private final class Window {
    final long measuredStart = System.nanoTime() + warmup.toNanos();
    final long end = measuredStart + measured.toNanos();
    final Latencies latencies = new Latencies();
    final AtomicLong operations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    void record(long start, Long nanos, Throwable failure) {
      if (failure != null) {
        firstError.compareAndSet(null, failure);
      }
      if (start < measuredStart) {
        return;
      }
      if (failure != null) {
        errors.incrementAndGet();
      } else {
        latencies.add(nanos);
        operations.incrementAndGet();
      }
    }

    /** Sleeps through the window and returns the CPU used in its measured part. */
    CpuMeter.Usage measureCpu() throws InterruptedException {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, measuredStart - System.nanoTime()));
      CpuMeter.Sample from = cpu.sample();
      TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
      return CpuMeter.Usage.between(from, cpu.sample());
    }

    Outcome outcome(CpuMeter.Usage usage) {
      return new Outcome(
          operations.get(), errors.get(), latencies, measured.toNanos() / 1e9, usage);
    }
  }
}

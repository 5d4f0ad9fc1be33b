package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests to a Service's ClusterIP, one after another on a thread of their own, counting the
 * answers and failures until stopped: how a test sees whether a Service kept answering.
 */
final class Traffic implements AutoCloseable {
  private final String host;
  private final int port;
  private final Thread thread;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<Failure> failures = new ArrayList<>();
  private final Set<String> answeredBy = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  private Traffic(String host, int port) {
    this.host = host;
    this.port = port;
    this.thread = new Thread(this::run, "traffic-" + host);
  }

  /** Starts sending requests to {@code host:port}. */
  static Traffic start(String host, int port) {
    Traffic traffic = new Traffic(host, port);
    traffic.thread.start();
    return traffic;
  }

  private void run() {
    while (!stopped) {
      long started = System.currentTimeMillis();
      try {
        answeredBy.add(WebApp.get(host, port, "/"));
        answered.incrementAndGet();
      } catch (IOException e) {
        synchronized (failures) {
          failures.add(new Failure(started, System.currentTimeMillis(), e.toString()));
        }
      }
      try {
        // A steady pace of about 50 requests a second, not a load test.
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** How many requests were answered. */
  int answered() {
    return answered.get();
  }

  /** A failed request: when it started and ended (epoch millis), and its error. */
  record Failure(long started, long ended, String error) {}

  /** The failed requests. */
  List<Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** The pod names that answered. */
  Set<String> answeredBy() {
    return Set.copyOf(answeredBy);
  }

  /** Fails unless every request was answered. */
  void assertNoneFailed(String what) {
    assertNoneFailedSince(0, what);
  }

  /**
   * Fails unless every request that started at or after {@code since} (epoch millis) was answered;
   * prints the counts, for the record in the test output. A request in flight when its endpoint's
   * machine is lost fails with it, in Kubernetes too; what a Service promises is that the requests
   * after that are sent elsewhere.
   */
  void assertNoneFailedSince(long since, String what) {
    List<Failure> all = failures();
    System.out.printf(
        "%s: %d requests answered, %d failed (%s)%n", what, answered(), all.size(), all);
    assertThat(all.stream().filter(f -> f.started() >= since).toList())
        .as("failed requests of %d started after %d", answered(), since)
        .isEmpty();
  }

  /** Stops sending and waits for the last request to end. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(10_000);
  }
}

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
  private final List<String> failures = new ArrayList<>();
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
      try {
        answeredBy.add(WebApp.get(host, port, "/"));
        answered.incrementAndGet();
      } catch (IOException e) {
        synchronized (failures) {
          failures.add(System.currentTimeMillis() + " " + e);
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

  /** The failed requests, each with its time and error. */
  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** The pod names that answered. */
  Set<String> answeredBy() {
    return Set.copyOf(answeredBy);
  }

  /**
   * Fails unless every request was answered; prints the counts, for the record in the test output.
   */
  void assertNoneFailed(String what) {
    System.out.printf("%s: %d requests answered, %d failed%n", what, answered(), failures().size());
    assertThat(failures()).as("failed requests of %d", answered()).isEmpty();
  }

  /** Stops sending and waits for the last request to end. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(10_000);
  }
}

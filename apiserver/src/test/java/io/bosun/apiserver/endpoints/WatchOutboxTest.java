package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchOutboxTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void runsTasksFromOtherThreadsOnTheContextInOrder() throws Exception {
    Context context = vertx.getOrCreateContext();
    Thread loop =
        CompletableFuture.supplyAsync(
                Thread::currentThread, r -> context.runOnContext(v -> r.run()))
            .get();
    WatchOutbox outbox = new WatchOutbox(context);
    List<Integer> ran = new ArrayList<>(); // touched on the context only
    List<Thread> threads = new ArrayList<>();
    int count = 100_000;
    CountDownLatch done = new CountDownLatch(1);

    for (int i = 0; i < count; i++) {
      int n = i;
      outbox.execute(
          () -> {
            ran.add(n);
            if (threads.isEmpty() || threads.get(threads.size() - 1) != Thread.currentThread()) {
              threads.add(Thread.currentThread());
            }
          });
    }
    outbox.execute(done::countDown);

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(ran.get(i)).isEqualTo(i);
    }
    assertThat(threads).containsExactly(loop);
  }

  @Test
  void aFailingTaskLeavesTheOnesAfterItToRun() throws Exception {
    WatchOutbox outbox = new WatchOutbox(vertx.getOrCreateContext());
    CountDownLatch done = new CountDownLatch(2);

    outbox.execute(done::countDown);
    outbox.execute(
        () -> {
          throw new IllegalStateException("one watch's bug");
        });
    outbox.execute(done::countDown);

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
  }
}

package io.bosun.controller.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.queue.Priority;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.reconcile.TerminalException;
import io.bosun.controller.runtime.ControllerOptions;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcileOutcomeTest {
  private static final Request A = Request.of("ns", "a");

  private final LoopFixture fixture = new LoopFixture();
  private final LogCapture log = new LogCapture();
  private final List<Request> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeLog() {
    log.close();
  }

  @Test
  void doesNotRetryATerminalFailure() {
    ReconcileLoop loop =
        fixture.start(
            request -> {
              calls.add(request);
              return Uni.createFrom()
                  .failure(new RuntimeException(new TerminalException("spec.size is negative")));
            });

    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofSeconds(2000));

    assertThat(calls).containsExactly(A);
    assertThat(fixture.count(Outcome.Kind.TERMINAL)).isEqualTo(1);
    assertThat(fixture.registry.get(ControllerMetrics.ERRORS).counter().count()).isEqualTo(1);
    assertThat(log.messages()).anyMatch(m -> m.contains("failed terminally"));

    loop.enqueue(A, Priority.HIGH);
    assertThat(calls).containsExactly(A, A);
  }

  @Test
  void treatsANullUniAsAFailureAndRetriesIt() {
    ReconcileLoop loop = fixture.start(recording(null));

    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofMillis(5));

    assertThat(calls).containsExactly(A, A);
    assertThat(fixture.count(Outcome.Kind.FAILED)).isEqualTo(2);
  }

  @Test
  void treatsANullResultAsAFailureWithAClearMessage() {
    ReconcileLoop loop = fixture.start(recording(Uni.createFrom().nullItem()));

    loop.enqueue(A, Priority.HIGH);

    assertThat(fixture.count(Outcome.Kind.FAILED)).isEqualTo(1);
    assertThat(fixture.count(Outcome.Kind.DONE)).isZero();
    assertThat(log.messages())
        .anyMatch(m -> m.contains(LoopFixture.NAME) && m.contains("ns/a") && m.contains("retry"));
  }

  @Test
  void catchesASynchronousThrowAndRetriesIt() {
    ReconcileLoop loop =
        fixture.start(
            request -> {
              calls.add(request);
              throw new IllegalStateException("thrown before any Uni");
            });

    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofMillis(5));

    assertThat(calls).containsExactly(A, A);
    assertThat(fixture.count(Outcome.Kind.FAILED)).isEqualTo(2);
    assertThat(loop.active()).isZero();
  }

  @Test
  void cancelsAHungReconcileAtTheTimeoutAndRetriesIt() {
    AtomicInteger cancelled = new AtomicInteger();
    ReconcileLoop loop =
        fixture.start(
            request -> {
              calls.add(request);
              return Uni.createFrom()
                  .emitter(emitter -> emitter.onTermination(cancelled::incrementAndGet));
            },
            ControllerOptions.builder().reconcileTimeout(Duration.ofSeconds(10)));

    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofSeconds(10).minusMillis(1));
    assertThat(cancelled).hasValue(0);
    assertThat(loop.active()).isEqualTo(1);

    fixture.scheduler.advance(Duration.ofMillis(1));
    assertThat(cancelled).hasValue(1);
    assertThat(fixture.count(Outcome.Kind.TIMED_OUT)).isEqualTo(1);
    assertThat(log.messages()).anyMatch(m -> m.contains("did not end within PT10S"));

    fixture.scheduler.advance(Duration.ofMillis(5));
    assertThat(calls).containsExactly(A, A);
  }

  @Test
  void leavesNoTimerBehindWhenAReconcileEndsInTime() {
    ReconcileLoop loop = fixture.start(recording(Uni.createFrom().item(Result.done())));

    loop.enqueue(A, Priority.HIGH);

    assertThat(fixture.scheduler.pendingTasks()).isZero();
    assertThat(fixture.count(Outcome.Kind.DONE)).isEqualTo(1);
  }

  @Test
  void reportsAReconcileThatBlocksItsThreadWithTheControllersName() {
    ReconcileLoop loop =
        fixture.start(
            request -> {
              fixture.scheduler.passTime(Duration.ofMillis(150));
              return Uni.createFrom().item(Result.done());
            });

    loop.enqueue(A, Priority.HIGH);

    assertThat(fixture.registry.get(ControllerMetrics.BLOCKING).counter().count()).isEqualTo(1);
    assertThat(log.messages())
        .anyMatch(
            m -> m.contains("Controller " + LoopFixture.NAME) && m.contains("blocked the calling"));
    assertThat(fixture.count(Outcome.Kind.DONE)).isEqualTo(1);
  }

  @Test
  void timesReconcilesAndQueueWaitsOnTheControllersClock() {
    HeldReconciler held = new HeldReconciler();
    ReconcileLoop loop =
        fixture.start(held, ControllerOptions.builder().maxConcurrentReconciles(1));
    Request b = Request.of("ns", "b");

    loop.enqueue(A, Priority.HIGH);
    loop.enqueue(b, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofMillis(300));
    held.complete(A, Result.done());

    var duration = fixture.registry.get(ControllerMetrics.DURATION).timer();
    var latency = fixture.registry.get(ControllerMetrics.QUEUE_LATENCY).timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300);
    assertThat(latency.count()).isEqualTo(2);
    assertThat(latency.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300);
  }

  private io.bosun.controller.reconcile.Reconciler recording(Uni<Result> answer) {
    return request -> {
      calls.add(request);
      return answer;
    };
  }
}

package io.bosun.controller.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.queue.Priority;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.ControllerOptions;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
  private static final Request A = Request.of("ns", "a");
  private static final Request B = Request.of("ns", "b");
  private static final Request C = Request.of("ns", "c");
  private static final Request D = Request.of("ns", "d");

  private final LoopFixture fixture = new LoopFixture();
  private final HeldReconciler held = new HeldReconciler();

  @Test
  void neverReconcilesOneRequestTwiceAtOnceAndRerunsItIfItChangedMeanwhile() {
    ReconcileLoop loop = fixture.start(held);

    loop.enqueue(A, Priority.HIGH);
    loop.enqueue(A, Priority.HIGH);
    loop.enqueue(B, Priority.HIGH);
    loop.enqueue(A, Priority.LOW);
    assertThat(held.calls()).containsExactly(A, B);

    held.complete(A, Result.done());
    assertThat(held.calls()).containsExactly(A, B, A);
    held.complete(A, Result.done());
    held.complete(B, Result.done());
    assertThat(held.calls()).containsExactly(A, B, A);
    assertThat(fixture.count(Outcome.Kind.DONE)).isEqualTo(3);
  }

  @Test
  void keepsToTheControllersConcurrencyLimit() {
    ReconcileLoop loop =
        fixture.start(held, ControllerOptions.builder().maxConcurrentReconciles(2));

    List.of(A, B, C, D).forEach(request -> loop.enqueue(request, Priority.HIGH));
    assertThat(held.calls()).containsExactly(A, B);
    assertThat(fixture.gauge(ControllerMetrics.ACTIVE_WORKERS)).isEqualTo(2);
    assertThat(fixture.gauge(ControllerMetrics.QUEUE_DEPTH)).isEqualTo(2);
    assertThat(fixture.gauge(ControllerMetrics.MAX_WORKERS)).isEqualTo(2);

    held.complete(B, Result.done());
    assertThat(held.calls()).containsExactly(A, B, C);
    assertThat(held.inFlight()).isEqualTo(2);
    assertThat(fixture.gauge(ControllerMetrics.QUEUE_DEPTH)).isEqualTo(1);
  }

  @Test
  void reconcilesLiveRequestsBeforeInitialListAndResyncOnes() {
    ReconcileLoop loop =
        fixture.start(held, ControllerOptions.builder().maxConcurrentReconciles(1));

    loop.enqueue(A, Priority.LOW);
    loop.enqueue(B, Priority.LOW);
    loop.enqueue(C, Priority.LOW);
    loop.enqueue(D, Priority.HIGH);
    held.complete(A, Result.done());
    held.complete(D, Result.done());
    held.complete(B, Result.done());

    assertThat(held.calls()).containsExactly(A, D, B, C);
  }

  @Test
  void requeuesAfterTheDelayTheResultAsksFor() {
    ReconcileLoop loop = fixture.start(held);
    loop.enqueue(A, Priority.HIGH);
    held.complete(A, Result.requeueAfter(Duration.ofSeconds(30)));

    fixture.scheduler.advance(Duration.ofSeconds(30).minusMillis(1));
    assertThat(held.calls()).containsExactly(A);
    fixture.scheduler.advance(Duration.ofMillis(1));
    assertThat(held.calls()).containsExactly(A, A);
    assertThat(fixture.count(Outcome.Kind.REQUEUE_AFTER)).isEqualTo(1);
  }

  @Test
  void retriesFailuresWithGrowingBackoffThatASuccessResets() {
    AtomicBoolean failing = new AtomicBoolean(true);
    List<Duration> callTimes = new CopyOnWriteArrayList<>();
    java.time.Instant t0 = fixture.scheduler.clock().instant();
    ReconcileLoop loop =
        fixture.start(
            request -> {
              callTimes.add(Duration.between(t0, fixture.scheduler.clock().instant()));
              return failing.get()
                  ? Uni.createFrom().failure(new IllegalStateException("conflict"))
                  : Uni.createFrom().item(Result.done());
            });

    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofMillis(5 + 10 + 20 - 1));
    assertThat(callTimes).containsExactly(ms(0), ms(5), ms(15));
    fixture.scheduler.advance(Duration.ofMillis(1));
    assertThat(callTimes).containsExactly(ms(0), ms(5), ms(15), ms(35));

    failing.set(false);
    fixture.scheduler.advance(Duration.ofMillis(40));
    assertThat(callTimes).hasSize(5).last().isEqualTo(ms(75));

    failing.set(true);
    loop.enqueue(A, Priority.HIGH);
    fixture.scheduler.advance(Duration.ofMillis(5));
    assertThat(callTimes).hasSize(7).last().isEqualTo(ms(80));
    assertThat(fixture.count(Outcome.Kind.FAILED)).isEqualTo(6);
    assertThat(fixture.count(Outcome.Kind.DONE)).isEqualTo(1);
  }

  @Test
  void stopWaitsForInFlightReconcilesAndTakesNoMoreRequests() {
    ReconcileLoop loop = fixture.start(held);
    loop.enqueue(A, Priority.HIGH);

    UniAssertSubscriber<Void> stopped =
        loop.stop().subscribe().withSubscriber(UniAssertSubscriber.create());
    stopped.assertNotTerminated();
    loop.enqueue(B, Priority.HIGH);
    held.complete(A, Result.requeueAfter(Duration.ZERO));

    stopped.assertCompleted();
    assertThat(held.calls()).containsExactly(A);
    assertThat(fixture.registry.find(ControllerMetrics.QUEUE_DEPTH).gauge()).isNull();
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}

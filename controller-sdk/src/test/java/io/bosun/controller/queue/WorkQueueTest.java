package io.bosun.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final AtomicInteger readySignals = new AtomicInteger();
  private final WorkQueue<String> queue =
      WorkQueue.create(
          scheduler,
          RateLimiter.exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)),
          readySignals::incrementAndGet);

  private List<String> drain() {
    List<String> keys = new ArrayList<>();
    for (Optional<Item<String>> item = queue.poll(); item.isPresent(); item = queue.poll()) {
      keys.add(item.get().key());
    }
    return keys;
  }

  @Test
  void addingAWaitingKeyAgainIsANoOp() {
    queue.add("a", Priority.LOW);
    queue.add("b", Priority.LOW);
    queue.add("a", Priority.LOW);

    assertThat(queue.depth()).isEqualTo(2);
    assertThat(drain()).containsExactly("a", "b");
    assertThat(readySignals).hasValue(2);
  }

  @Test
  void reAddingAWaitingKeyKeepsTheHigherPriority() {
    queue.add("a", Priority.LOW);
    queue.add("b", Priority.LOW);
    queue.add("b", Priority.HIGH);
    queue.add("b", Priority.LOW);

    assertThat(queue.poll()).get().isEqualTo(new Item<>("b", Priority.HIGH, Duration.ZERO));
    assertThat(drain()).containsExactly("a");
  }

  @Test
  void servesLiveKeysBeforeInitialListAndResyncKeys() {
    queue.add("initial-1", Priority.LOW);
    queue.add("initial-2", Priority.LOW);
    queue.add("live-1", Priority.HIGH);
    queue.add("initial-3", Priority.LOW);
    queue.add("live-2", Priority.HIGH);

    assertThat(drain()).containsExactly("live-1", "live-2", "initial-1", "initial-2", "initial-3");
  }

  @Test
  void neverHandsAHeldKeyOutAndRequeuesItWhenDoneIfAddedMeanwhile() {
    queue.add("a", Priority.LOW);
    assertThat(queue.poll()).map(Item::key).contains("a");

    queue.add("a", Priority.HIGH);
    queue.add("a", Priority.LOW);
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.depth()).isZero();

    queue.done("a");
    assertThat(queue.poll()).get().extracting(Item::priority).isEqualTo(Priority.HIGH);
    queue.done("a");
    assertThat(queue.poll()).isEmpty();
  }

  @Test
  void doneForAKeyNotHeldIsMisuse() {
    queue.add("a", Priority.LOW);
    assertThatThrownBy(() -> queue.done("a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> queue.done("never-added")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void delayedKeyBecomesReadyWhenItsTimeComes() {
    queue.addAfter("a", Duration.ofSeconds(30), Priority.HIGH);
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.delayed()).isEqualTo(1);

    scheduler.advance(Duration.ofSeconds(29));
    assertThat(queue.poll()).isEmpty();
    assertThat(readySignals).hasValue(0);

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(readySignals).hasValue(1);
    assertThat(queue.delayed()).isZero();
    assertThat(queue.poll()).get().isEqualTo(new Item<>("a", Priority.HIGH, Duration.ZERO));
  }

  @Test
  void anEarlierAddOverridesALaterReadyTimeButNotTheOtherWayRound() {
    queue.addAfter("a", Duration.ofSeconds(30), Priority.LOW);
    queue.addAfter("a", Duration.ofSeconds(10), Priority.LOW);
    queue.addAfter("a", Duration.ofSeconds(60), Priority.LOW);

    scheduler.advance(Duration.ofSeconds(10));
    assertThat(drain()).containsExactly("a");
    queue.done("a");
    scheduler.advance(Duration.ofSeconds(60));
    assertThat(queue.poll()).isEmpty();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void anImmediateAddCancelsTheWaitOfADelayedKey() {
    queue.addAfter("a", Duration.ofMinutes(5), Priority.LOW);
    queue.add("a", Priority.HIGH);

    assertThat(queue.poll()).get().isEqualTo(new Item<>("a", Priority.HIGH, Duration.ZERO));
    assertThat(queue.delayed()).isZero();
  }

  @Test
  void aDelayedAddWhileHeldWaitsItsDelayAfterDone() {
    queue.add("a", Priority.HIGH);
    queue.poll();
    queue.addAfter("a", Duration.ofSeconds(10), Priority.HIGH);
    queue.done("a");

    assertThat(queue.poll()).isEmpty();
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(queue.poll()).map(Item::key).contains("a");
  }

  @Test
  void reportsHowLongAKeyWasReadyBeforeItWasTaken() {
    queue.addAfter("a", Duration.ofSeconds(5), Priority.LOW);
    scheduler.advance(Duration.ofSeconds(5));
    queue.add("b", Priority.LOW);
    scheduler.passTime(Duration.ofMillis(250));

    assertThat(queue.poll()).get().extracting(Item::waited).isEqualTo(Duration.ofMillis(250));
    assertThat(queue.poll()).get().extracting(Item::waited).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void rateLimitedAddsBackOffPerKeyUntilForgotten() {
    assertThat(queue.addRateLimited("a", Priority.LOW)).isEqualTo(Duration.ofMillis(5));
    // The second failure's longer delay does not push back the key already due in 5 ms.
    assertThat(queue.addRateLimited("a", Priority.LOW)).isEqualTo(Duration.ofMillis(10));
    assertThat(queue.retries("a")).isEqualTo(2);
    scheduler.advance(Duration.ofMillis(5));
    assertThat(queue.poll()).map(Item::key).contains("a");
    queue.done("a");
    assertThat(queue.addRateLimited("a", Priority.LOW)).isEqualTo(Duration.ofMillis(20));
    assertThat(queue.addRateLimited("b", Priority.LOW)).isEqualTo(Duration.ofMillis(5));

    queue.forget("a");
    assertThat(queue.retries("a")).isZero();
    assertThat(queue.addRateLimited("a", Priority.LOW)).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void shutDownDropsWaitingKeysAndIgnoresNewOnesButReleasesHeldOnes() {
    queue.add("held", Priority.LOW);
    queue.poll();
    queue.add("waiting", Priority.LOW);
    queue.addAfter("delayed", Duration.ofSeconds(1), Priority.LOW);
    queue.add("held", Priority.LOW);

    queue.shutDown();
    queue.add("late", Priority.HIGH);
    queue.done("held");

    assertThat(queue.isShutDown()).isTrue();
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.depth()).isZero();
    assertThat(queue.delayed()).isZero();
    assertThat(scheduler.pendingTasks()).isZero();
  }
}

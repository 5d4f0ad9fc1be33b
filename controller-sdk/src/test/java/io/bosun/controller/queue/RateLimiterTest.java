package io.bosun.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final ManualScheduler scheduler = new ManualScheduler();

  @Test
  void exponentialBackoffDoublesPerKeyUpToItsMaximumAndResetsWhenForgotten() {
    RateLimiter<String> backoff =
        RateLimiter.exponential(Duration.ofMillis(5), Duration.ofSeconds(1000));

    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.when("b")).isEqualTo(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      backoff.when("a");
    }
    assertThat(backoff.when("a")).isEqualTo(Duration.ofSeconds(1000));
    assertThat(backoff.retries("a")).isEqualTo(104);

    backoff.forget("a");
    assertThat(backoff.retries("a")).isZero();
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void tokenBucketLetsABurstThroughThenHoldsToItsRate() {
    RateLimiter<String> bucket = RateLimiter.tokenBucket(10, 100, scheduler.clock());

    for (int i = 0; i < 100; i++) {
      assertThat(bucket.when("key-" + i)).isZero();
    }
    assertThat(bucket.when("x")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.when("y")).isEqualTo(Duration.ofMillis(200));

    scheduler.advance(Duration.ofSeconds(1));
    // Ten tokens came back, two of them were already promised to x and y.
    assertThat(bucket.when("z")).isEqualTo(Duration.ZERO);
  }

  @Test
  void forRetriesWaitsTheLongerOfBackoffAndBucket() {
    RetryOptions options = RetryOptions.builder().qps(1).burst(2).build();
    RateLimiter<String> limiter = RateLimiter.forRetries(options, scheduler.clock());

    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.when("b")).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.retries("a")).isEqualTo(2);

    limiter.forget("a");
    assertThat(limiter.retries("a")).isZero();
  }

  @Test
  void retryOptionsDefaultToControllerRuntimes() {
    assertThat(RetryOptions.builder().build()).isEqualTo(RetryOptions.DEFAULTS);
    assertThat(RetryOptions.DEFAULTS)
        .isEqualTo(new RetryOptions(Duration.ofMillis(5), Duration.ofSeconds(1000), 10, 100));
  }

  @Test
  void rejectsNonsensicalOptions() {
    assertThatThrownBy(() -> RetryOptions.builder().baseDelay(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryOptions.builder().maxDelay(Duration.ofMillis(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryOptions.builder().qps(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryOptions.builder().burst(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.maxOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

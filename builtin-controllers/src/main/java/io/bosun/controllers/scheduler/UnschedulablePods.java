package io.bosun.controllers.scheduler;

import io.bosun.controller.reconcile.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pods that no node took, with their back-off: after the n-th failed attempt a pod waits the
 * initial back-off times 2^(n-1), at most the maximum, before it is tried again, whatever node or
 * pod events come meanwhile (Kubernetes' scheduling queue does the same: 1 s doubling to 10 s by
 * default). Node and pod events wake only these pods, since every other pending pod is queued
 * already.
 *
 * <p>A change that comes while a pod's attempt runs finds the pod not yet recorded here, so it
 * wakes nothing, and the attempt may have missed it: {@link #changes()} counts the changes, and an
 * attempt that saw the count move retries after its back-off rather than wait for the next change
 * (Kubernetes' scheduling queue compares a move-request cycle with the pod's cycle for this).
 */
final class UnschedulablePods {
  private record Attempts(int failures, Instant retryAt) {}

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Map<Request, Attempts> byPod = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  UnschedulablePods(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Records a failed attempt at {@code now}; returns how long the pod now waits. */
  Duration failed(Request pod, Instant now) {
    Attempts attempts =
        byPod.compute(
            pod,
            (key, previous) -> {
              int failures = previous == null ? 1 : previous.failures() + 1;
              return new Attempts(failures, now.plus(backoff(failures)));
            });
    return Duration.between(now, attempts.retryAt());
  }

  /** How long the pod must still wait at {@code now}; empty when it may be tried. */
  Optional<Duration> waitLeft(Request pod, Instant now) {
    Attempts attempts = byPod.get(pod);
    if (attempts == null || !now.isBefore(attempts.retryAt())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, attempts.retryAt()));
  }

  /** Forgets a pod that was placed, or is gone. */
  void forget(Request pod) {
    byPod.remove(pod);
  }

  /** Counts a change that may let pods fit, and returns the pods waiting for one. */
  Set<Request> changed() {
    changes.incrementAndGet();
    return Set.copyOf(byPod.keySet());
  }

  /** How many changes that may let pods fit have come so far: read before an attempt. */
  long changes() {
    return changes.get();
  }

  /** The back-off after {@code failures} failed attempts. */
  Duration backoff(int failures) {
    Duration backoff = initialBackoff;
    for (int i = 1; i < failures && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }
}

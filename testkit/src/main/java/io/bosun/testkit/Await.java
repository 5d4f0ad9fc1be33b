package io.bosun.testkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.controller.client.ApiException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceList;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.smallrye.mutiny.TimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits for conditions on the server or in an informer's cache, woken by the changes themselves (a
 * watch, or the informer's events) rather than by sleeping; each wait fails with an {@link
 * AssertionError} when its timeout passes first.
 */
public final class Await {
  /** A timeout that suits most waits in tests: 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The longest an informer wait sleeps without an event before it looks again. */
  private static final long RECHECK_MILLIS = 200;

  /** Writes the last state a failed wait saw into its message. */
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

  private Await() {}

  /**
   * Waits until the server holds the object {@code name} and it satisfies {@code condition}, and
   * returns it. Lists the object, then watches it from the list's version.
   */
  public static <T> T object(
      ResourceClient<T> client,
      String namespace,
      String name,
      Predicate<T> condition,
      Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    return state(client, namespace, name, o -> o.isPresent() && condition.test(o.get()), timeout)
        .orElseThrow();
  }

  /** Waits until the server no longer holds the object {@code name}. */
  public static <T> void absent(
      ResourceClient<T> client, String namespace, String name, Duration timeout) {
    state(client, namespace, name, Optional::isEmpty, timeout);
  }

  private static <T> Optional<T> state(
      ResourceClient<T> client,
      String namespace,
      String name,
      Predicate<Optional<T>> done,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String selector = "metadata.name=" + name;
    // What was seen last, for the failure message: a flaky wait is diagnosed from CI's output.
    AtomicReference<Object> last = new AtomicReference<>("nothing");
    while (true) {
      try {
        ResourceList<T> list =
            client
                .list(namespace, new ListOptionsBuilder().withFieldSelector(selector).build())
                .await()
                .atMost(remaining(deadline, timeout, name));
        Optional<T> current = list.items().stream().findFirst();
        last.set(current.<Object>map(o -> o).orElse("absent"));
        if (done.test(current)) {
          return current;
        }
        var options =
            new ListOptionsBuilder()
                .withFieldSelector(selector)
                .withResourceVersion(list.resourceVersion())
                .build();
        WatchEvent<T> match =
            client
                .watch(namespace, options)
                .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
                .invoke(e -> last.set(e.type() == WatchEvent.Type.DELETED ? "deleted" : e.object()))
                .filter(
                    e ->
                        done.test(
                            e.type() == WatchEvent.Type.DELETED
                                ? Optional.empty()
                                : Optional.of(e.object())))
                .toUni()
                .await()
                .atMost(remaining(deadline, timeout, name));
        if (match != null) {
          return match.type() == WatchEvent.Type.DELETED
              ? Optional.empty()
              : Optional.of(match.object());
        }
      } catch (TimeoutException e) {
        throw new AssertionError(
            name
                + " did not reach the expected state within "
                + timeout
                + "; last seen: "
                + shown(last.get()));
      } catch (ApiException e) {
        // A watch that cannot resume (410) or another refusal: look again.
      }
    }
  }

  /** An object as a failure message shows it: its JSON, or its text, cut short. */
  private static String shown(Object object) {
    String text;
    try {
      text = object instanceof String ? (String) object : JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      text = String.valueOf(object);
    }
    return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
  }

  /**
   * Waits until the informer caches the object {@code name} and it satisfies {@code condition}, and
   * returns it.
   */
  public static <T> T cached(
      Informer<T> informer,
      String namespace,
      String name,
      Predicate<T> condition,
      Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    cache(
        informer,
        () -> informer.get(namespace, name).filter(condition).isPresent(),
        timeout,
        name + " in the cache");
    return informer.get(namespace, name).orElseThrow();
  }

  /** Waits until the informer no longer caches the object {@code name}. */
  public static <T> void notCached(
      Informer<T> informer, String namespace, String name, Duration timeout) {
    cache(
        informer,
        () -> informer.get(namespace, name).isEmpty(),
        timeout,
        name + " gone from the cache");
  }

  /**
   * Waits until {@code condition}, checked again after each of the informer's events, holds.
   *
   * @param what what is awaited, for the failure message
   */
  public static void cache(
      Informer<?> informer, BooleanSupplier condition, Duration timeout, String what) {
    Semaphore changed = new Semaphore(0);
    Registration registration =
        informer.addHandler(EventHandler.onChange((object, origin) -> changed.release()));
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(what + " not reached within " + timeout);
        }
        // An event wakes the wait at once; the bounded wait covers a change made just before
        // the handler was registered.
        changed.tryAcquire(
            Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, RECHECK_MILLIS),
            TimeUnit.MILLISECONDS);
        changed.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what);
    } finally {
      registration.remove();
    }
  }

  private static Duration remaining(long deadline, Duration timeout, String name) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError(name + " did not reach the expected state within " + timeout);
    }
    return Duration.ofNanos(left);
  }
}

package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.GoneException;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceList;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.informer.InformerOptions;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link Sink} current with the server: lists (page by page), then watches from the list's
 * resourceVersion with bookmarks. A watch that ends is resumed from the last version seen; one that
 * fails is resumed after a back-off; a 410 Gone (the version is no longer kept) lists again. Every
 * step runs on one Vert.x context, so the sink sees one call at a time.
 */
final class Reflector {
  private static final System.Logger LOG = System.getLogger(Reflector.class.getName());

  /** How long past its own timeout a watch may stay open before it is cut and resumed. */
  private static final long WATCHDOG_GRACE_SECONDS = 30;

  /** A watch that ends sooner than this without an event is resumed only after a back-off. */
  private static final long MIN_HEALTHY_WATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Where the reflector delivers what it reads; called on the context only. */
  interface Sink {
    /** The complete state at {@code resourceVersion}, from a list. */
    void replace(List<ObjectNode> items, String resourceVersion);

    /** One change from the watch. */
    void apply(WatchEvent<ObjectNode> event);

    /** The watch has reached {@code resourceVersion} without a change (a bookmark). */
    void bookmark(String resourceVersion);
  }

  private record Snapshot(List<ObjectNode> items, String resourceVersion) {}

  private final ResourceClient<ObjectNode> client;
  private final InformerOptions options;
  private final Vertx vertx;
  private final Context context;
  private final Executor onContext;
  private final Sink sink;
  private final Backoff backoff;
  private final String name;

  private String resourceVersion = "";
  private boolean started;
  private boolean stopped;
  private long watchId;
  private Cancellable watch;
  private long timerId = -1;
  private long watchdogId = -1;
  private long watchStartedAt;
  private int watchEvents;

  Reflector(
      ResourceClient<ObjectNode> client,
      InformerOptions options,
      Vertx vertx,
      Context context,
      Sink sink) {
    this.client = client;
    this.options = options;
    this.vertx = vertx;
    this.context = context;
    this.onContext = command -> context.runOnContext(v -> command.run());
    this.sink = sink;
    this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
    this.name =
        client.descriptor().plural()
            + (options.namespace() == null ? "" : " in " + options.namespace());
  }

  void start() {
    context.runOnContext(
        v -> {
          if (!started && !stopped) {
            started = true;
            list();
          }
        });
  }

  void stop() {
    context.runOnContext(
        v -> {
          stopped = true;
          cancelWatch();
          cancelTimer();
        });
  }

  private void list() {
    if (stopped) {
      return;
    }
    listFrom(null, new ArrayList<>(), null)
        .emitOn(onContext)
        .subscribe()
        .with(this::listed, this::listFailed);
  }

  private Uni<Snapshot> listFrom(String token, List<ObjectNode> items, String firstVersion) {
    ListOptionsBuilder page =
        new ListOptionsBuilder()
            .withLimit(options.pageSize())
            .withLabelSelector(options.labelSelector())
            .withFieldSelector(options.fieldSelector());
    if (token != null) {
      page.withContinue(token);
    }
    return client
        .list(options.namespace(), page.build())
        .chain(
            (ResourceList<ObjectNode> result) -> {
              items.addAll(result.items());
              // Every page of one list is read at the first page's version.
              String version = firstVersion != null ? firstVersion : result.resourceVersion();
              return result.continueToken().isPresent()
                  ? listFrom(result.continueToken().get(), items, version)
                  : Uni.createFrom().item(new Snapshot(items, version));
            });
  }

  private void listed(Snapshot snapshot) {
    if (stopped) {
      return;
    }
    backoff.reset();
    sink.replace(snapshot.items(), snapshot.resourceVersion());
    resourceVersion = snapshot.resourceVersion();
    watch();
  }

  private void listFailed(Throwable failure) {
    if (stopped) {
      return;
    }
    long delay = backoff.nextDelayMillis();
    LOG.log(
        Level.INFO, "listing {0} failed ({1}); retrying in {2} ms", name, message(failure), delay);
    later(delay, this::list);
  }

  private void watch() {
    if (stopped) {
      return;
    }
    long timeoutSeconds = options.watchTimeout().toSeconds();
    timeoutSeconds += ThreadLocalRandom.current().nextLong(timeoutSeconds);
    ListOptions watchOptions =
        new ListOptionsBuilder()
            .withResourceVersion(resourceVersion)
            .withAllowWatchBookmarks(true)
            .withTimeoutSeconds(timeoutSeconds)
            .withLabelSelector(options.labelSelector())
            .withFieldSelector(options.fieldSelector())
            .build();
    long id = ++watchId;
    watchStartedAt = System.nanoTime();
    watchEvents = 0;
    watch =
        client
            .watch(options.namespace(), watchOptions)
            .emitOn(onContext)
            .subscribe()
            .with(
                event -> onEvent(id, event),
                failure -> onWatchFailure(id, failure),
                () -> onWatchEnd(id));
    watchdogId =
        vertx.setTimer(
            TimeUnit.SECONDS.toMillis(timeoutSeconds + WATCHDOG_GRACE_SECONDS),
            t -> context.runOnContext(v -> onWatchdog(id)));
  }

  private void onEvent(long id, WatchEvent<ObjectNode> event) {
    if (stopped || id != watchId) {
      return;
    }
    watchEvents++;
    backoff.reset();
    if (event.type() == WatchEvent.Type.BOOKMARK) {
      sink.bookmark(event.resourceVersion());
    } else {
      sink.apply(event);
    }
    if (!event.resourceVersion().isEmpty()) {
      resourceVersion = event.resourceVersion();
    }
  }

  private void onWatchFailure(long id, Throwable failure) {
    if (stopped || id != watchId) {
      return;
    }
    cancelWatchdog();
    if (failure instanceof GoneException) {
      LOG.log(
          Level.INFO,
          "watch of {0} cannot resume from {1} ({2}); listing again",
          name,
          resourceVersion,
          message(failure));
      list();
      return;
    }
    long delay = backoff.nextDelayMillis();
    LOG.log(
        Level.INFO, "watch of {0} failed ({1}); resuming in {2} ms", name, message(failure), delay);
    later(delay, this::watch);
  }

  private void onWatchEnd(long id) {
    if (stopped || id != watchId) {
      return;
    }
    cancelWatchdog();
    boolean healthy =
        watchEvents > 0 || System.nanoTime() - watchStartedAt > MIN_HEALTHY_WATCH_NANOS;
    if (healthy) {
      watch();
    } else {
      later(backoff.nextDelayMillis(), this::watch);
    }
  }

  /** The server kept a watch open past its timeout: the connection may be dead; start over. */
  private void onWatchdog(long id) {
    if (stopped || id != watchId) {
      return;
    }
    LOG.log(Level.INFO, "watch of {0} outlived its timeout; resuming", name);
    cancelWatch();
    watch();
  }

  private void later(long delayMillis, Runnable step) {
    cancelTimer();
    timerId =
        vertx.setTimer(
            delayMillis,
            t ->
                context.runOnContext(
                    v -> {
                      timerId = -1;
                      step.run();
                    }));
  }

  private void cancelWatch() {
    watchId++;
    cancelWatchdog();
    if (watch != null) {
      watch.cancel();
      watch = null;
    }
  }

  private void cancelWatchdog() {
    if (watchdogId >= 0) {
      vertx.cancelTimer(watchdogId);
      watchdogId = -1;
    }
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private static String message(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}

package io.bosun.controller.events.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.events.EventRecorderOptions;
import io.bosun.controller.events.EventType;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The recorder: a map of live event series, a spam filter, and a tick that writes counts and ends
 * series. All state changes under this object's lock; writes run in the background, at most one per
 * series at a time.
 */
public final class DefaultEventRecorder implements EventRecorder {
  private static final Logger LOG = Logger.getLogger(DefaultEventRecorder.class);
  private static final int MAX_REASON = 128;
  private static final int MAX_NOTE_BYTES = 1024;
  private static final int MAX_NAME = 253;
  private static final int FLUSH_ROUNDS = 3;

  private final ResourceClient<ObjectNode> events;
  private final EventRecorderOptions options;
  private final EventEncoding encoding;
  private final Scheduler scheduler;
  private final SpamFilter spam;
  private final Map<EventKey, Series> series = new HashMap<>();
  private final Duration tick;
  private Instant nextRefresh;
  private long lastNanos;
  private Cancellable timer;
  private boolean closed;

  public DefaultEventRecorder(
      KubeClient client, EventRecorderOptions options, Scheduler scheduler) {
    this.options = options;
    this.encoding = EventEncoding.of(options.api());
    this.events = client.resources(encoding.descriptor());
    this.scheduler = scheduler;
    this.spam = new SpamFilter(options.burst(), options.refillInterval());
    this.tick =
        options.seriesWindow().compareTo(options.seriesRefreshInterval()) < 0
            ? options.seriesWindow()
            : options.seriesRefreshInterval();
  }

  @Override
  public void record(
      HasMetadata regarding,
      HasMetadata related,
      EventType type,
      String reason,
      String action,
      String note) {
    Objects.requireNonNull(regarding, "regarding");
    Objects.requireNonNull(type, "type");
    EventKey key =
        new EventKey(
            ObjectRef.of(regarding),
            related == null ? null : ObjectRef.of(related),
            type.value(),
            checked(reason, "reason"),
            checked(action, "action"),
            cut(note == null ? "" : note));
    synchronized (this) {
      if (closed) {
        return;
      }
      Instant now = scheduler.clock().instant();
      if (timer == null) {
        nextRefresh = now.plus(options.seriesRefreshInterval());
        timer = scheduler.schedule(tick, this::tick);
      }
      Series existing = series.get(key);
      if (existing != null && !ended(existing, now)) {
        existing.repeat(now);
        if (existing.count() == 2) {
          // Kubernetes writes the first repeat at once, later ones with the series refresh.
          send(existing, true);
        }
        return;
      }
      if (existing != null && existing.dirty()) {
        send(existing, true); // its final count; the map forgets it once written
      }
      if (!spam.allow(key.regarding(), now)) {
        LOG.debugf("Event %s about %s dropped: rate limit", key.reason(), key.regarding().name());
        return;
      }
      Series fresh = new Series(key, namespaceOf(key.regarding()), name(key.regarding()), now);
      series.put(key, fresh);
      send(fresh, true);
    }
  }

  /** Under the lock: writes the series now, or once its write in flight ends if {@code urgent}. */
  private void send(Series s, boolean urgent) {
    if (s.inFlight() != null) {
      s.markUrgent(s.urgent() || urgent);
      return;
    }
    s.markUrgent(false);
    int count = s.count();
    Uni<ObjectNode> write =
        s.created()
            ? events.patch(
                s.namespace(), s.name(), Patch.merge(encoding.countPatch(count, s.last())))
            : events.create(encoding.event(s, options));
    CompletableFuture<Void> done = new CompletableFuture<>();
    s.inFlight(done);
    write
        .subscribe()
        .with(written -> settle(s, count, null, done), failure -> settle(s, count, failure, done));
  }

  private void settle(Series s, int count, Throwable failure, CompletableFuture<Void> done) {
    synchronized (this) {
      s.inFlight(null);
      if (failure == null) {
        s.written(count);
      } else if (!s.retried()
          && (failure instanceof AlreadyExistsException && !s.created()
              || failure instanceof NotFoundException && s.created())) {
        // A name taken by another recorder, or an Event deleted since (expired): make it anew.
        s.recreateAs(name(s.key().regarding()));
        s.markUrgent(true);
      } else {
        // Events are best effort: this is the one report of a lost write. Its count is tried
        // again at the next refresh, not at once, so an unreachable server is not hammered.
        LOG.debugf("Event %s could not be written: %s", s.name(), failure.getMessage());
        s.markUrgent(false);
      }
      if (s.urgent() && s.dirty()) {
        send(s, true);
      }
    }
    done.complete(null);
  }

  private void tick() {
    synchronized (this) {
      if (closed) {
        return;
      }
      Instant now = scheduler.clock().instant();
      boolean refresh = !now.isBefore(nextRefresh);
      if (refresh) {
        nextRefresh = now.plus(options.seriesRefreshInterval());
      }
      for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
        Series s = it.next();
        boolean ended = ended(s, now);
        if (s.dirty() && (refresh || ended)) {
          send(s, false);
        } else if (ended && s.inFlight() == null) {
          it.remove();
        }
      }
      spam.sweep(now);
      timer = scheduler.schedule(tick, this::tick);
    }
  }

  @Override
  public Uni<Void> flush() {
    return flush(FLUSH_ROUNDS);
  }

  private Uni<Void> flush(int rounds) {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    synchronized (this) {
      for (Series s : series.values()) {
        if (s.dirty()) {
          send(s, true);
        }
        if (s.inFlight() != null) {
          writes.add(s.inFlight());
        }
      }
    }
    if (writes.isEmpty() || rounds <= 1) {
      return Uni.createFrom().voidItem();
    }
    // A write that ends may start the next (a count that grew meanwhile): wait for those too.
    return Uni.createFrom()
        .completionStage(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)))
        .chain(() -> flush(rounds - 1));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (timer != null) {
        timer.cancel();
      }
    }
    flush().await().indefinitely();
    synchronized (this) {
      closed = true;
    }
  }

  private boolean ended(Series s, Instant now) {
    return now.isAfter(s.last().plus(options.seriesWindow()));
  }

  /** A name unique in this process, as Kubernetes names events: the object's, then hex time. */
  private String name(ObjectRef regarding) {
    long nanos = scheduler.clock().instant().toEpochMilli() * 1_000_000L;
    lastNanos = Math.max(lastNanos + 1, nanos);
    String suffix = "." + Long.toHexString(lastNanos);
    String base = regarding.name();
    return base.length() + suffix.length() > MAX_NAME
        ? base.substring(0, MAX_NAME - suffix.length()) + suffix
        : base + suffix;
  }

  private static String namespaceOf(ObjectRef regarding) {
    String namespace = regarding.namespace();
    // Events about cluster-scoped objects live in "default", as Kubernetes puts them.
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  private static String checked(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > MAX_REASON) {
      throw new IllegalArgumentException(name + " must have 1 to 128 characters: " + value);
    }
    return value;
  }

  private static String cut(String note) {
    if (note.getBytes(StandardCharsets.UTF_8).length <= MAX_NOTE_BYTES) {
      return note;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < note.length(); ) {
      int codePoint = note.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_NOTE_BYTES) {
        break;
      }
      kept.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return kept.toString();
  }
}

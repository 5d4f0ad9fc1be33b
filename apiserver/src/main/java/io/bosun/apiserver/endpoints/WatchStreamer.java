package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.endpoints.internal.Encoding;
import io.bosun.apiserver.endpoints.internal.Errors;
import io.bosun.apiserver.endpoints.internal.Output;
import io.bosun.apiserver.endpoints.internal.Queries;
import io.bosun.apiserver.endpoints.internal.RequestInfo;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.apiserver.storage.WatchOptions;
import io.bosun.core.api.Status;
import io.bosun.core.selector.FieldSelector;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Streams a watch as chunked JSON lines ({@code {"type":"ADDED","object":{...}}}), writing on the
 * request's own context and asking storage for more events only as the connection drains.
 *
 * <p>Storage reports a start from a compacted version asynchronously, so the response head waits up
 * to {@link #HEAD_GRACE_MS} for the first event or failure: a failure in that window is a plain 410
 * (or other) Status response, a later one an ERROR event in the stream.
 */
@Singleton
public class WatchStreamer {
  /** How long the response head waits for the first event or failure. Defaults to 100 ms. */
  static final long HEAD_GRACE_MS = 100;

  /** A watch's lifetime when the client sets no (or a zero) {@code timeoutSeconds}: 30 minutes. */
  static final long DEFAULT_TIMEOUT_SECONDS = 1800;

  /** Events requested from storage ahead of the connection. */
  private static final int PREFETCH = 64;

  @Inject KindRegistry registry;
  @Inject GenericStore store;
  @Inject Clock clock;
  @Inject Vertx vertx;

  /** The last line encoded per resource, version and output form, shared by their watchers. */
  private final Map<String, EventLines> lines = new ConcurrentHashMap<>();

  /**
   * One outbox per event loop, running the tasks of its watches on the loop's root context (a
   * request's context ends with its request; the loop does not).
   */
  private final Map<EventLoop, WatchOutbox> outboxes = new ConcurrentHashMap<>();

  /** Serves one watch request. */
  void stream(RoutingContext ctx, RequestInfo info) {
    ResourceType type;
    WatchOptions options;
    long timeoutSeconds;
    Output output;
    try {
      type = resolve(info);
      options = options(type, info, ctx);
      output =
          Output.negotiate(
              ctx.request().getHeader(HttpHeaders.ACCEPT), ctx.request().getParam("includeObject"));
      String timeout = ctx.request().getParam("timeoutSeconds");
      timeoutSeconds =
          timeout == null || timeout.isEmpty() ? DEFAULT_TIMEOUT_SECONDS : Long.parseLong(timeout);
      if (timeoutSeconds == 0) {
        // As kube-apiserver: zero asks for no particular timeout, so the default applies.
        timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
      }
    } catch (NumberFormatException e) {
      ApiRoutes.fail(ctx, Status.badRequest("invalid timeoutSeconds"));
      return;
    } catch (RuntimeException e) {
      ApiRoutes.fail(ctx, Errors.toStatus(e));
      return;
    }
    new Stream(ctx, type, output, timeoutSeconds).start(store.watch(type, options));
  }

  private EventLines lines(ResourceType type, Output output) {
    // Keyed by name, not by type: a CRD's types are replaced as it changes.
    return lines.compute(
        type.apiVersion() + "/" + type.resource() + "/" + output,
        (key, old) -> old != null && old.serves(type, output) ? old : new EventLines(type, output));
  }

  private ResourceType resolve(RequestInfo info) {
    ResourceType type =
        registry
            .find(info.group(), info.version(), info.resource())
            .orElseThrow(() -> Status.noSuchResource().asException());
    if (info.subresource() != null || (!type.namespaced() && info.namespace() != null)) {
      throw Status.noSuchResource().asException();
    }
    if (!type.supports("watch")) {
      throw Status.methodNotSupported(type.group(), type.resource(), "watch").asException();
    }
    return type;
  }

  private static WatchOptions options(ResourceType type, RequestInfo info, RoutingContext ctx) {
    WatchOptions options = Queries.watch(type, info.namespace(), ctx.request()::getParam);
    if (info.name() == null) {
      return options;
    }
    // A legacy /watch/.../{name} path watches one object: a metadata.name field selector.
    Selection s = options.selection();
    List<FieldSelector.Requirement> fields = new ArrayList<>(s.fields().requirements());
    fields.add(new FieldSelector.Requirement("metadata.name", false, info.name()));
    return new WatchOptions(
        options.resource(),
        new Selection(s.namespace(), s.labels(), new FieldSelector(fields)),
        options.resourceVersion(),
        options.bookmarkInterval(),
        options.initialEventsEndBookmark());
  }

  /** One open watch; every method runs on the request's context. */
  private final class Stream {
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final Context context;
    private final WatchOutbox outbox;
    private final EventLines lines;
    private final long timeoutSeconds;
    private Flow.Subscription subscription;
    private int taken; // events written since storage was last asked for more
    private boolean headSent;
    private boolean done;
    private long timer = -1;
    private ServerWebSocket socket; // set when the client asked for a WebSocket (fabric8 does)

    Stream(RoutingContext ctx, ResourceType type, Output output, long timeoutSeconds) {
      this.ctx = ctx;
      this.response = ctx.response();
      this.context = vertx.getOrCreateContext();
      this.outbox =
          outboxes.computeIfAbsent(
              ((ContextInternal) context).nettyEventLoop(),
              loop -> new WatchOutbox(((ContextInternal) context).unwrap()));
      this.lines = lines(type, output);
      this.timeoutSeconds = timeoutSeconds;
    }

    void start(io.smallrye.mutiny.Multi<WatchEvent> events) {
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
        // The upgrade must happen while the request is being handled; a failure after it
        // reaches the client as an ERROR event, as it does on a started HTTP stream.
        ctx.request()
            .toWebSocket()
            .onSuccess(
                ws -> {
                  socket = ws;
                  headSent = true;
                  ws.closeHandler(v -> context.runOnContext(x -> finish(false)));
                  subscribe(events);
                })
            .onFailure(
                e ->
                    ApiRoutes.fail(
                        ctx, Status.badRequest("WebSocket upgrade failed: " + e.getMessage())));
        return;
      }
      response.closeHandler(v -> finish(false));
      WatchConnections.tune(ctx.request());
      subscribe(events);
      vertx.setTimer(HEAD_GRACE_MS, id -> context.runOnContext(v -> sendHead()));
    }

    private void subscribe(io.smallrye.mutiny.Multi<WatchEvent> events) {
      events
          .subscribe()
          .with(
              s -> outbox.execute(() -> onSubscribe(s)),
              event -> outbox.execute(() -> onEvent(event)),
              failure -> outbox.execute(() -> onFailure(failure)),
              () -> outbox.execute(() -> finish(true)));
    }

    private void write(EventLines.Line line) {
      if (socket != null) {
        socket.writeTextMessage(line.text());
      } else {
        response.write(line.bytes());
      }
    }

    private boolean writeQueueFull() {
      return socket != null ? socket.writeQueueFull() : response.writeQueueFull();
    }

    private void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (done) {
        s.cancel();
        return;
      }
      s.request(PREFETCH);
      timer =
          vertx.setTimer(
              Math.max(1, timeoutSeconds) * 1000, id -> context.runOnContext(v -> finish(true)));
    }

    private void sendHead() {
      if (headSent || done) {
        return;
      }
      headSent = true;
      response
          .setStatusCode(200)
          .setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, Json.TYPE)
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, private");
      response.write("");
    }

    private void onEvent(WatchEvent event) {
      if (done) {
        return;
      }
      sendHead();
      write(lines.encode(event, clock));
      taken++;
      if (writeQueueFull()) {
        if (socket != null) {
          socket.drainHandler(v -> request());
        } else {
          response.drainHandler(v -> request());
        }
      } else if (taken >= PREFETCH / 2) {
        request();
      }
    }

    /** Asks storage to replace the events written; half the prefetch at a time, as it drains. */
    private void request() {
      if (subscription != null && !done && taken > 0) {
        subscription.request(taken);
        taken = 0;
      }
    }

    private void onFailure(Throwable failure) {
      if (done) {
        return;
      }
      Status status = Errors.toStatus(failure);
      if (!headSent) {
        headSent = true;
        done = true;
        cancelTimer();
        ApiRoutes.fail(ctx, status);
        return;
      }
      write(EventLines.Line.of(Encoding.errorEvent(status.toJson())));
      finish(true);
    }

    private void finish(boolean endResponse) {
      if (done) {
        return;
      }
      done = true;
      cancelTimer();
      if (subscription != null) {
        subscription.cancel();
      }
      if (socket != null) {
        if (!socket.isClosed()) {
          socket.close();
        }
      } else if (endResponse && !response.ended() && !response.closed()) {
        sendHeadIfNeeded();
        response.end();
      }
    }

    private void sendHeadIfNeeded() {
      if (!headSent) {
        headSent = true;
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, Json.TYPE);
      }
    }

    private void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}

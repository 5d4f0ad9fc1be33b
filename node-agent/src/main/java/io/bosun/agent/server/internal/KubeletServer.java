package io.bosun.agent.server.internal;

import io.bosun.agent.logs.LogOptions;
import io.bosun.agent.pod.PodRuntime;
import io.bosun.core.api.StatusException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent's HTTP endpoint, the part of the kubelet's server that the apiserver calls: {@code GET
 * /containerLogs/{namespace}/{pod}/{container}} streams a container's log (what {@code pods/log}
 * proxies to), {@code GET /healthz} answers {@code ok}. Errors are plain text with the kubelet's
 * codes and messages, which the apiserver turns into a Status. It listens on the node's address
 * only, in plain HTTP and without authentication: see
 * docs/decisions/0010-node-agent-wiring-and-log-endpoint.md.
 */
public final class KubeletServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KubeletServer.class);
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
  private static final String LOGS_PREFIX = "/containerLogs/";

  private final PodRuntime runtime;
  private final HttpServer server;

  private KubeletServer(Vertx vertx, PodRuntime runtime) {
    this.runtime = runtime;
    this.server = vertx.createHttpServer(new HttpServerOptions());
  }

  /**
   * Starts the server on {@code host}:{@code port} (0 for any free port) and waits until it
   * listens.
   *
   * @throws IllegalStateException if it cannot listen there
   */
  public static KubeletServer start(Vertx vertx, String host, int port, PodRuntime runtime) {
    KubeletServer kubelet = new KubeletServer(vertx, runtime);
    try {
      kubelet
          .server
          .requestHandler(kubelet::handle)
          .listen(port, host)
          .toCompletionStage()
          .toCompletableFuture()
          .get(LISTEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the agent's server started");
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "the agent cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
    }
    return kubelet;
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method() != HttpMethod.GET) {
      plain(request.response(), 405, "405 method not allowed");
    } else if (path.equals("/healthz")) {
      plain(request.response(), 200, "ok");
    } else if (path.startsWith(LOGS_PREFIX)) {
      containerLogs(request, path.substring(LOGS_PREFIX.length()).split("/", -1));
    } else {
      plain(request.response(), 404, "404 page not found");
    }
  }

  private void containerLogs(HttpServerRequest request, String[] parts) {
    HttpServerResponse response = request.response();
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      plain(response, 404, "404 page not found");
      return;
    }
    String namespace = decode(parts[0]);
    String pod = decode(parts[1]);
    LogOptions options;
    try {
      options = LogQuery.parse(decode(parts[2]), request::getParam);
    } catch (IllegalArgumentException e) {
      plain(response, 400, e.getMessage());
      return;
    }
    Context context = Vertx.currentContext();
    runtime
        .logs(namespace, pod, options)
        .subscribe()
        .with(
            log -> context.runOnContext(v -> stream(response, log, context)),
            failure -> context.runOnContext(v -> fail(response, failure)));
  }

  private static void stream(HttpServerResponse response, Multi<byte[]> log, Context context) {
    if (response.closed()) {
      return;
    }
    response.setStatusCode(200).putHeader("Content-Type", "text/plain").setChunked(true);
    log.emitOn(task -> context.runOnContext(v -> task.run()))
        .subscribe()
        .withSubscriber(new ResponseSubscriber(response));
  }

  private static void fail(HttpServerResponse response, Throwable failure) {
    if (failure instanceof StatusException status) {
      plain(response, status.status().code(), status.status().message());
    } else {
      LOG.warnf(failure, "cannot serve a container log");
      plain(response, 500, failure.getMessage() == null ? "internal error" : failure.getMessage());
    }
  }

  private static void plain(HttpServerResponse response, int code, String text) {
    if (response.closed() || response.headWritten()) {
      return;
    }
    response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  /** Writes log chunks as the connection drains, and cancels the log when the client goes. */
  private static final class ResponseSubscriber implements MultiSubscriber<byte[]> {
    private final HttpServerResponse response;
    private Flow.Subscription subscription;

    ResponseSubscriber(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      response.closeHandler(v -> s.cancel());
      if (response.closed()) {
        s.cancel();
        return;
      }
      s.request(1);
    }

    @Override
    public void onItem(byte[] chunk) {
      if (response.closed()) {
        subscription.cancel();
        return;
      }
      response.write(Buffer.buffer(chunk));
      if (response.writeQueueFull()) {
        response.drainHandler(v -> subscription.request(1));
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onFailure(Throwable failure) {
      LOG.debugf("container log ended with %s", failure.getMessage());
      end();
    }

    @Override
    public void onCompletion() {
      end();
    }

    private void end() {
      if (!response.closed() && !response.ended()) {
        response.end();
      }
    }
  }
}

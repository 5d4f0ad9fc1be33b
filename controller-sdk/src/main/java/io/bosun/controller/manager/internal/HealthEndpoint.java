package io.bosun.controller.manager.internal;

import io.bosun.controller.manager.ManagerStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.core.http.HttpServerRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The manager's tiny HTTP endpoint: {@code /healthz} (alive), {@code /readyz} (synced, and leading
 * with running controllers or standing by) with kube-apiserver's {@code [+]}/{@code [-]} check
 * lines, and {@code /metrics} in Prometheus' text format.
 */
final class HealthEndpoint {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final Supplier<ManagerStatus> status;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;

  HealthEndpoint(Vertx vertx, Supplier<ManagerStatus> status, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.status = status;
    this.metrics = metrics;
  }

  /** Listens on {@code host:port}; completes with the port bound. */
  Uni<Integer> listen(String host, int port) {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(port, host)
        .invoke(bound -> server = bound)
        .map(HttpServer::actualPort);
  }

  /** Stops listening. */
  Uni<Void> close() {
    return server == null ? Uni.createFrom().voidItem() : server.close();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      respond(request, 405, "text/plain; charset=utf-8", "method not allowed\n");
      return;
    }
    switch (request.path()) {
      case "/healthz", "/livez" -> health(request);
      case "/readyz" -> ready(request);
      case "/metrics" -> respond(request, 200, PROMETHEUS_TEXT, metrics.scrape());
      default -> respond(request, 404, "text/plain; charset=utf-8", "not found\n");
    }
  }

  private void health(HttpServerRequest request) {
    ManagerStatus now = status.get();
    StringBuilder body = new StringBuilder();
    line(body, "manager", now.healthy(), "phase " + now.phase());
    body.append(now.healthy() ? "healthz check passed\n" : "healthz check failed\n");
    respond(request, now.healthy() ? 200 : 500, "text/plain; charset=utf-8", body.toString());
  }

  private void ready(HttpServerRequest request) {
    ManagerStatus now = status.get();
    StringBuilder body = new StringBuilder();
    line(body, "manager", now.phase() == ManagerStatus.Phase.RUNNING, "phase " + now.phase());
    for (Map.Entry<String, Boolean> informer : now.informers().entrySet()) {
      line(body, "informer " + informer.getKey(), informer.getValue(), "not synced");
    }
    String leadership = now.leadership().name().toLowerCase(java.util.Locale.ROOT);
    body.append("[+]leader-election ")
        .append(leadership)
        .append(now.leader().map(holder -> " (leader: " + holder + ")").orElse(""))
        .append('\n');
    boolean standby = now.leadership() == ManagerStatus.Leadership.STANDBY;
    for (Map.Entry<String, Boolean> controller : now.controllers().entrySet()) {
      line(
          body,
          "controller " + controller.getKey(),
          standby || controller.getValue(),
          "not running");
    }
    body.append(now.ready() ? "readyz check passed\n" : "readyz check failed\n");
    respond(request, now.ready() ? 200 : 503, "text/plain; charset=utf-8", body.toString());
  }

  private static void line(StringBuilder body, String check, boolean ok, String failure) {
    body.append(ok ? "[+]" : "[-]").append(check).append(ok ? " ok" : " failed: " + failure);
    body.append('\n');
  }

  private static void respond(HttpServerRequest request, int code, String type, String body) {
    request
        .response()
        .setStatusCode(code)
        .putHeader("Content-Type", type)
        .end(body)
        .subscribe()
        .with(ignored -> {}, ignored -> {});
  }
}

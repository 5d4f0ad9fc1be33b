package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.endpoints.internal.Errors;
import io.bosun.apiserver.endpoints.internal.LogLocation;
import io.bosun.apiserver.endpoints.internal.RequestInfo;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.core.api.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code pods/log} subresource: {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}, proxied to
 * the node agent that runs the pod, as kube-apiserver proxies it to the kubelet. The pod and its
 * container are checked here (kube's messages); the agent is found from the pod's Node (its
 * InternalIP, else its Hostname, and {@code status.daemonEndpoints.kubeletEndpoint.Port}) and
 * called over plain HTTP at {@code /containerLogs/{ns}/{pod}/{container}}; its answer streams
 * through as {@code text/plain}, chunk by chunk for {@code follow}. An agent's refusal becomes a
 * Status as kube-apiserver makes one: a 400 carries the agent's message. See
 * docs/decisions/0010-node-agent-wiring-and-log-endpoint.md.
 */
@Singleton
public class PodLogs {
  /** Runs after {@link ApiRoutes}' authentication and authorization filters. */
  private static final int ORDER = -998;

  /** How much of an agent's error answer is read. */
  private static final int MAX_ERROR_BYTES = 4096;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject KindRegistry registry;
  @Inject GenericStore store;
  @Inject Vertx vertx;

  private volatile HttpClient agents;

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::logsOrNext);
  }

  private void logsOrNext(RoutingContext ctx) {
    String method = ctx.request().method().name();
    RequestInfo info = RequestInfo.parse(method, ctx.normalizedPath(), null);
    if (!method.equals("GET")
        || info == null
        || !info.group().isEmpty()
        || !"pods".equals(info.resource())
        || !"log".equals(info.subresource())
        || info.namespace() == null) {
      ctx.next();
      return;
    }
    Context context = Vertx.currentContext();
    Uni.createFrom()
        .deferred(() -> locate(info.namespace(), info.name(), ctx.queryParams()))
        .emitOn(task -> context.runOnContext(v -> task.run()))
        .subscribe()
        .with(
            target -> proxy(ctx, target), failure -> ApiRoutes.fail(ctx, Errors.toStatus(failure)));
  }

  /** Finds the log; completes with null when no node runs the pod yet. */
  private Uni<LogLocation> locate(String namespace, String name, MultiMap params) {
    String query = LogLocation.agentQuery(name, params::get);
    ResourceType pods = registry.find("", "v1", "pods").orElseThrow();
    ResourceType nodes = registry.find("", "v1", "nodes").orElseThrow();
    return store
        .get(pods, namespace, name)
        .flatMap(
            stored -> {
              JsonNode pod = read(stored.json());
              String container = LogLocation.container(pod, name, params.get("container"));
              String nodeName = pod.path("spec").path("nodeName").asText("");
              if (nodeName.isEmpty()) {
                return Uni.createFrom().nullItem();
              }
              return store
                  .get(nodes, null, nodeName)
                  .map(node -> LogLocation.of(pod, container, read(node.json()), query));
            });
  }

  /** Streams the agent's answer to the client; runs on the request's context. */
  private void proxy(RoutingContext ctx, LogLocation target) {
    HttpServerResponse response = ctx.response();
    if (target == null) {
      // A pod no node runs has no log yet: kube-apiserver answers with no content.
      response.setStatusCode(204).end();
      return;
    }
    String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(target.host())
            .setPort(target.port())
            .setURI(target.uri())
            .putHeader(HttpHeaders.HOST, host + ":" + target.port());
    agents()
        .request(request)
        .compose(
            outgoing -> {
              response.closeHandler(v -> outgoing.reset());
              return outgoing.send();
            })
        .onSuccess(upstream -> relay(ctx, upstream, target.name()))
        .onFailure(
            e ->
                ApiRoutes.fail(
                    ctx,
                    Status.internalError(
                        "cannot reach the agent at "
                            + host
                            + ":"
                            + target.port()
                            + ": "
                            + e.getMessage())));
  }

  private static void relay(RoutingContext ctx, HttpClientResponse upstream, String name) {
    HttpServerResponse response = ctx.response();
    int code = upstream.statusCode();
    if (code >= 200 && code <= 206) {
      response
          .setStatusCode(code)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
          .setChunked(ctx.request().version() == HttpVersion.HTTP_1_1);
      upstream.pipeTo(response);
      return;
    }
    upstream
        .body()
        .onComplete(
            body -> {
              String text =
                  body.succeeded()
                      ? body.result()
                          .getString(0, Math.min(body.result().length(), MAX_ERROR_BYTES))
                      : "";
              ApiRoutes.fail(ctx, LogLocation.refusal(code, text, name));
            });
  }

  private HttpClient agents() {
    HttpClient client = agents;
    if (client == null) {
      synchronized (this) {
        if (agents == null) {
          agents =
              vertx.createHttpClient(
                  new HttpClientOptions().setConnectTimeout(10_000).setMaxPoolSize(64));
        }
        client = agents;
      }
    }
    return client;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

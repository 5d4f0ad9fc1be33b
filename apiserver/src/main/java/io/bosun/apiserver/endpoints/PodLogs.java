package io.bosun.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.endpoints.internal.Errors;
import io.bosun.apiserver.endpoints.internal.RequestInfo;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.core.api.FieldError;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The {@code pods/log} subresource: {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}, proxied to
 * the node agent that runs the pod, as kube-apiserver proxies it to the kubelet. The pod and its
 * container are checked here (kube's messages); the agent is found from the pod's Node (its
 * InternalIP, else its Hostname, and {@code status.daemonEndpoints.kubeletEndpoint.Port}) and
 * called over plain HTTP at {@code /containerLogs/{ns}/{pod}/{container}}; its answer streams
 * through as {@code text/plain}, chunk by chunk for {@code follow}. An agent's refusal becomes a
 * Status as kube-apiserver makes one: a 400 carries the agent's message. See
 * docs/decisions/0008-node-agent-wiring-and-log-endpoint.md.
 */
@Singleton
public class PodLogs {
  /** Runs after {@link ApiRoutes}' authentication and authorization filters. */
  private static final int ORDER = -998;

  /** The kubelet's port, for a Node that names none. */
  static final int DEFAULT_KUBELET_PORT = 10250;

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

  /** Where the log of pod {@code name} is: the agent's address and the request path. */
  private record Target(String name, String host, int port, String uri) {}

  /** Finds the log; completes with null when no node runs the pod yet. */
  private Uni<Target> locate(String namespace, String name, MultiMap params) {
    String queryString = agentQuery(name, params);
    ResourceType pods = registry.find("", "v1", "pods").orElseThrow();
    ResourceType nodes = registry.find("", "v1", "nodes").orElseThrow();
    return store
        .get(pods, namespace, name)
        .flatMap(
            stored -> {
              JsonNode pod = read(stored.json());
              String container = container(pod, name, params.get("container"));
              String nodeName = pod.path("spec").path("nodeName").asText("");
              if (nodeName.isEmpty()) {
                return Uni.createFrom().nullItem();
              }
              String path =
                  "/containerLogs/"
                      + encode(namespace)
                      + "/"
                      + encode(name)
                      + "/"
                      + encode(container)
                      + queryString;
              return store
                  .get(nodes, null, nodeName)
                  .map(node -> target(name, read(node.json()), nodeName, path));
            });
  }

  /** The container to read: the one named, else the pod's only one. */
  private static String container(JsonNode pod, String name, String requested) {
    List<String> containers = names(pod.path("spec").path("containers"));
    if (requested == null || requested.isEmpty()) {
      if (containers.size() == 1) {
        return containers.get(0);
      }
      if (containers.isEmpty()) {
        throw Status.badRequest("a container name must be specified for pod " + name).asException();
      }
      List<String> inits = names(pod.path("spec").path("initContainers"));
      throw Status.badRequest(
              "a container name must be specified for pod "
                  + name
                  + ", choose one of: "
                  + goList(containers)
                  + (inits.isEmpty() ? "" : " or one of the init containers: " + goList(inits)))
          .asException();
    }
    List<String> all = new ArrayList<>(containers);
    all.addAll(names(pod.path("spec").path("initContainers")));
    all.addAll(names(pod.path("spec").path("ephemeralContainers")));
    if (!all.contains(requested)) {
      throw Status.badRequest("container " + requested + " is not valid for pod " + name)
          .asException();
    }
    return requested;
  }

  /** The agent's query: the PodLogOptions checked as kube-apiserver validates them. */
  private static String agentQuery(String name, MultiMap params) {
    Long tailLines = number(params, "tailLines");
    Long sinceSeconds = number(params, "sinceSeconds");
    Long limitBytes = number(params, "limitBytes");
    String sinceTime = params.get("sinceTime");
    if (sinceTime != null && !sinceTime.isEmpty()) {
      try {
        OffsetDateTime.parse(sinceTime);
      } catch (DateTimeParseException e) {
        throw Status.badRequest("sinceTime: invalid RFC 3339 time: " + sinceTime).asException();
      }
    } else {
      sinceTime = null;
    }
    List<FieldError> errors = new ArrayList<>();
    if (tailLines != null && tailLines < 0) {
      errors.add(FieldError.invalid("tailLines", tailLines, "must be greater than or equal to 0"));
    }
    if (limitBytes != null && limitBytes < 1) {
      errors.add(FieldError.invalid("limitBytes", limitBytes, "must be greater than 0"));
    }
    if (sinceSeconds != null && sinceTime != null) {
      errors.add(
          new FieldError(
              FieldError.Type.FORBIDDEN,
              "",
              null,
              "at most one of `sinceTime` or `sinceSeconds` may be specified"));
    } else if (sinceSeconds != null && sinceSeconds < 1) {
      errors.add(FieldError.invalid("sinceSeconds", sinceSeconds, "must be greater than 0"));
    }
    if (!errors.isEmpty()) {
      throw Status.invalid("", "PodLogOptions", name, errors).asException();
    }
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (String flag : List.of("follow", "previous", "timestamps")) {
      if ("true".equals(params.get(flag))) {
        query.add(flag + "=true");
      }
    }
    if (sinceSeconds != null) {
      query.add("sinceSeconds=" + sinceSeconds);
    }
    if (sinceTime != null) {
      query.add("sinceTime=" + encode(sinceTime));
    }
    if (tailLines != null) {
      query.add("tailLines=" + tailLines);
    }
    if (limitBytes != null) {
      query.add("limitBytes=" + limitBytes);
    }
    return query.toString();
  }

  private static Target target(String name, JsonNode node, String nodeName, String path) {
    String host = address(node, "InternalIP");
    if (host == null) {
      host = address(node, "Hostname");
    }
    if (host == null) {
      throw Status.badRequest("node " + nodeName + " has no address to reach its agent")
          .asException();
    }
    int port =
        node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
    return new Target(name, host, port > 0 ? port : DEFAULT_KUBELET_PORT, path);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode address : node.path("status").path("addresses")) {
      if (type.equals(address.path("type").asText())
          && !address.path("address").asText("").isEmpty()) {
        return address.path("address").asText();
      }
    }
    return null;
  }

  /** Streams the agent's answer to the client; runs on the request's context. */
  private void proxy(RoutingContext ctx, Target target) {
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
              ApiRoutes.fail(ctx, refusal(code, text, name));
            });
  }

  /** A Status from an agent's refusal, as kube-apiserver's GenericHttpResponseChecker makes it. */
  static Status refusal(int code, String text, String name) {
    return switch (code) {
      case 400 -> Status.badRequest(text);
      case 500 -> Status.internalError(text);
      case 404 ->
          new Status(
              404,
              "NotFound",
              "the server could not find the requested resource ( pods/log " + name + ")",
              new Status.Details(name, "", "pods/log", null, 0));
      default ->
          new Status(
              code,
              "",
              "the server responded with the status code "
                  + code
                  + " but did not return more information ( pods/log "
                  + name
                  + ")",
              new Status.Details(name, "", "pods/log", null, 0));
    };
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

  private static Long number(MultiMap params, String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw Status.badRequest(name + ": invalid integer: " + value).asException();
    }
  }

  private static List<String> names(JsonNode containers) {
    List<String> names = new ArrayList<>();
    containers.forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  /** A list as Go's %v prints a []string: {@code [a b]}. */
  private static String goList(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

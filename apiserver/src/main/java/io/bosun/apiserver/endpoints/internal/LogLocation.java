package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Where a container's log is read, as kube-apiserver's {@code LogLocation} finds it: the request's
 * PodLogOptions checked, the container chosen, and the node agent's address and path. Also turns an
 * agent's refusal into a Status.
 *
 * @param name the pod's name
 * @param host the agent's address: the Node's InternalIP, else its Hostname
 * @param port the agent's port: the Node's kubelet endpoint port, else 10250
 * @param uri the agent's path and query
 */
public record LogLocation(String name, String host, int port, String uri) {
  /** The kubelet's port, for a Node that names none. */
  public static final int DEFAULT_KUBELET_PORT = 10250;

  /** The container to read: the one named, else the pod's only one. */
  public static String container(JsonNode pod, String name, String requested) {
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

  /**
   * The agent's query string ({@code ""} or {@code ?...}): the PodLogOptions in {@code params},
   * checked as kube-apiserver validates them.
   */
  public static String agentQuery(String name, Function<String, String> params) {
    Long tailLines = number(params, "tailLines");
    Long sinceSeconds = number(params, "sinceSeconds");
    Long limitBytes = number(params, "limitBytes");
    String sinceTime = params.apply("sinceTime");
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
      if ("true".equals(params.apply(flag))) {
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

  /**
   * The log of container {@code container} of {@code pod} on {@code node}, with the agent query
   * {@code query}.
   *
   * @throws io.bosun.core.api.StatusException if the node has no address
   */
  public static LogLocation of(JsonNode pod, String container, JsonNode node, String query) {
    String namespace = pod.path("metadata").path("namespace").asText();
    String name = pod.path("metadata").path("name").asText();
    String nodeName = node.path("metadata").path("name").asText();
    String path =
        "/containerLogs/"
            + encode(namespace)
            + "/"
            + encode(name)
            + "/"
            + encode(container)
            + query;
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
    return new LogLocation(name, host, port > 0 ? port : DEFAULT_KUBELET_PORT, path);
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

  /** A Status from an agent's refusal, as kube-apiserver's GenericHttpResponseChecker makes it. */
  public static Status refusal(int code, String text, String name) {
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

  private static Long number(Function<String, String> params, String name) {
    String value = params.apply(name);
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
}

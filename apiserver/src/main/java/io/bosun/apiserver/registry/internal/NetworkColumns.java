package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.orNone;
import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The tables of services, endpoints, endpoint slices, ingresses and network policies. */
final class NetworkColumns {
  private NetworkColumns() {}

  /** Lists of addresses, ports and hosts show this many, then {@code + N more...}. */
  private static final int SHOWN = 3;

  static final List<TableColumn> SERVICES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Type", "string", "How the service is exposed.", o -> text(o, "/spec/type")),
          TableColumn.of(
              "Cluster-IP", "string", "The IP address of the service.", NetworkColumns::clusterIp),
          TableColumn.of(
              "External-IP",
              "string",
              "The external IP addresses of the service.",
              NetworkColumns::externalIp),
          TableColumn.of(
              "Port(s)",
              "string",
              "The ports that are exposed by this service.",
              NetworkColumns::servicePorts),
          TableColumn.AGE,
          TableColumn.wide(
              "Selector",
              "string",
              "The labels of the pods traffic is routed to.",
              o -> Columns.labels(o.at("/spec/selector"))));

  static final List<TableColumn> ENDPOINTS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Endpoints",
              "string",
              "The addresses and ports of the endpoints.",
              NetworkColumns::endpoints),
          TableColumn.AGE);

  static final List<TableColumn> ENDPOINT_SLICES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "AddressType",
              "string",
              "The type of address carried by this slice.",
              o -> text(o, "/addressType")),
          TableColumn.of(
              "Ports", "string", "The ports of the endpoints.", NetworkColumns::slicePorts),
          TableColumn.of(
              "Endpoints",
              "string",
              "The addresses of the endpoints.",
              NetworkColumns::sliceEndpoints),
          TableColumn.AGE);

  static final List<TableColumn> INGRESSES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Class",
              "string",
              "The name of the IngressClass resource that should be used for additional"
                  + " configuration",
              o -> orNone(text(o, "/spec/ingressClassName"))),
          TableColumn.of(
              "Hosts",
              "string",
              "Hosts that incoming requests are matched against before the ingress rule",
              NetworkColumns::hosts),
          TableColumn.of(
              "Address",
              "string",
              "Address is a list containing ingress points for the load-balancer",
              o -> String.join(",", loadBalancer(o))),
          TableColumn.of(
              "Ports",
              "string",
              "Ports of TLS configurations that open",
              o -> o.at("/spec/tls").isEmpty() ? "80" : "80, 443"),
          TableColumn.AGE);

  static final List<TableColumn> INGRESS_CLASSES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Controller",
              "string",
              "Controller that is responsible for handling this class",
              o -> text(o, "/spec/controller")),
          TableColumn.of(
              "Parameters",
              "string",
              "A reference to a resource with additional parameters",
              NetworkColumns::parameters),
          TableColumn.AGE);

  static final List<TableColumn> NETWORK_POLICIES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Pod-Selector",
              "string",
              "The pods the policy applies to.",
              o -> orNone(Columns.labelSelector(o.at("/spec/podSelector")))),
          TableColumn.AGE);

  private static String clusterIp(JsonNode service) {
    String ip = text(service, "/spec/clusterIPs/0");
    return orNone(ip.isEmpty() ? text(service, "/spec/clusterIP") : ip);
  }

  private static String externalIp(JsonNode service) {
    List<String> external = new ArrayList<>();
    service.at("/spec/externalIPs").forEach(ip -> external.add(ip.asText()));
    switch (text(service, "/spec/type")) {
      case "ClusterIP", "NodePort":
        return external.isEmpty() ? Columns.NONE : String.join(",", external);
      case "LoadBalancer":
        List<String> all = new ArrayList<>(loadBalancer(service));
        all.addAll(external);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      case "ExternalName":
        return text(service, "/spec/externalName");
      default:
        return "<unknown>";
    }
  }

  /** The load-balancer ingress points, each its IP or else its hostname, without repeats. */
  private static Set<String> loadBalancer(JsonNode object) {
    Set<String> points = new LinkedHashSet<>();
    for (JsonNode ingress : object.at("/status/loadBalancer/ingress")) {
      String point = ingress.path("ip").asText("");
      point = point.isEmpty() ? ingress.path("hostname").asText("") : point;
      if (!point.isEmpty()) {
        points.add(point);
      }
    }
    return points;
  }

  private static String servicePorts(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.at("/spec/ports")) {
      String nodePort =
          port.path("nodePort").asInt(0) > 0 ? ":" + port.path("nodePort").asInt() : "";
      ports.add(port.path("port").asInt() + nodePort + "/" + port.path("protocol").asText(""));
    }
    return ports.isEmpty() ? Columns.NONE : String.join(",", ports);
  }

  private static String endpoints(JsonNode endpoints) {
    JsonNode subsets = endpoints.path("subsets");
    if (subsets.isEmpty()) {
      return Columns.NONE;
    }
    List<String> all = new ArrayList<>();
    for (JsonNode subset : subsets) {
      JsonNode addresses = subset.path("addresses");
      if (subset.path("ports").isEmpty()) {
        // A headless service may have no ports.
        addresses.forEach(address -> all.add(address.path("ip").asText("")));
      }
      for (JsonNode port : subset.path("ports")) {
        for (JsonNode address : addresses) {
          all.add(hostPort(address.path("ip").asText(""), port.path("port").asInt()));
        }
      }
    }
    return firstFew(all, "");
  }

  private static String hostPort(String ip, int port) {
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }

  private static String slicePorts(JsonNode slice) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : slice.path("ports")) {
      if (port.path("port").isNumber()) {
        ports.add(port.path("port").asText());
      } else {
        ports.add(port.path("name").isTextual() ? port.path("name").asText() : "*");
      }
    }
    return firstFew(ports, Columns.UNSET);
  }

  private static String sliceEndpoints(JsonNode slice) {
    List<String> addresses = new ArrayList<>();
    slice
        .path("endpoints")
        .forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
    return firstFew(addresses, Columns.UNSET);
  }

  private static String hosts(JsonNode ingress) {
    JsonNode rules = ingress.at("/spec/rules");
    List<String> hosts = new ArrayList<>();
    for (JsonNode rule : rules) {
      if (hosts.size() == SHOWN) {
        return String.join(",", hosts) + " + " + (rules.size() - SHOWN) + " more...";
      }
      if (!rule.path("host").asText("").isEmpty()) {
        hosts.add(rule.path("host").asText());
      }
    }
    return hosts.isEmpty() ? "*" : String.join(",", hosts);
  }

  private static String parameters(JsonNode ingressClass) {
    JsonNode parameters = ingressClass.at("/spec/parameters");
    if (!parameters.isObject()) {
      return Columns.NONE;
    }
    String group = parameters.path("apiGroup").asText("");
    return parameters.path("kind").asText("")
        + (parameters.path("apiGroup").isTextual() ? "." + group : "")
        + "/"
        + parameters.path("name").asText("");
  }

  /** The first few values, then {@code + N more...}; {@code empty} when there are none. */
  private static String firstFew(List<String> values, String empty) {
    if (values.isEmpty()) {
      return empty;
    }
    String shown = String.join(",", values.subList(0, Math.min(SHOWN, values.size())));
    return values.size() > SHOWN ? shown + " + " + (values.size() - SHOWN) + " more..." : shown;
  }
}

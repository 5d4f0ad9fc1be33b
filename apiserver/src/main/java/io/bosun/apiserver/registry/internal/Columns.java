package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** The table columns of the workload kinds, as kube-apiserver's printers compute them. */
final class Columns {
  private Columns() {}

  static final TableColumn POD_READY =
      TableColumn.of(
          "Ready",
          "string",
          "The aggregate readiness state of this pod for accepting traffic.",
          Columns::podReady);
  static final TableColumn POD_STATUS =
      TableColumn.of(
          "Status",
          "string",
          "The aggregate status of the containers in this pod.",
          Columns::phase);
  static final TableColumn POD_RESTARTS =
      TableColumn.of(
          "Restarts",
          "string",
          "The number of times the containers in this pod have been restarted.",
          o -> String.valueOf(sum(o.path("status").path("containerStatuses"), "restartCount")));
  static final TableColumn POD_IP =
      new TableColumn(
          "IP",
          "string",
          "",
          "IP address allocated to the pod.",
          1,
          o -> orNone(o.path("status").path("podIP").asText("")));
  static final TableColumn POD_NODE =
      new TableColumn(
          "Node",
          "string",
          "",
          "Name of the node the pod is assigned to.",
          1,
          o -> orNone(o.path("spec").path("nodeName").asText("")));

  static final TableColumn DEPLOYMENT_READY =
      TableColumn.of(
          "Ready",
          "string",
          "Number of the pod with ready state",
          o ->
              o.path("status").path("readyReplicas").asInt(0)
                  + "/"
                  + o.path("spec").path("replicas").asInt(0));
  static final TableColumn UP_TO_DATE =
      TableColumn.of(
          "Up-to-date",
          "string",
          "Total number of non-terminated pods targeted by this deployment that have the desired"
              + " template spec.",
          o -> o.path("status").path("updatedReplicas").asInt(0));
  static final TableColumn AVAILABLE =
      TableColumn.of(
          "Available",
          "string",
          "Total number of available pods (ready for at least minReadySeconds) targeted by this"
              + " deployment.",
          o -> o.path("status").path("availableReplicas").asInt(0));

  static final TableColumn SERVICE_TYPE =
      TableColumn.of(
          "Type",
          "string",
          "The type of the service.",
          o -> o.path("spec").path("type").asText("ClusterIP"));
  static final TableColumn CLUSTER_IP =
      TableColumn.of(
          "Cluster-IP",
          "string",
          "The cluster IP of the service.",
          o -> orNone(o.path("spec").path("clusterIP").asText("")));
  static final TableColumn EXTERNAL_IP =
      TableColumn.of(
          "External-IP", "string", "The external IP of the service.", Columns::externalIp);
  static final TableColumn PORTS =
      TableColumn.of("Port(s)", "string", "The ports of the service.", Columns::ports);

  private static String podReady(JsonNode pod) {
    int ready = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      if (status.path("ready").asBoolean(false)) {
        ready++;
      }
    }
    return ready + "/" + pod.path("spec").path("containers").size();
  }

  private static String phase(JsonNode pod) {
    if (pod.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = pod.path("status").path("reason").asText("");
    return reason.isEmpty() ? pod.path("status").path("phase").asText("Pending") : reason;
  }

  private static long sum(JsonNode items, String field) {
    long total = 0;
    for (JsonNode item : items) {
      total += item.path(field).asLong(0);
    }
    return total;
  }

  private static String externalIp(JsonNode service) {
    List<String> ips = new ArrayList<>();
    String type = service.path("spec").path("type").asText("ClusterIP");
    if (type.equals("ExternalName")) {
      return service.path("spec").path("externalName").asText("<none>");
    }
    if (type.equals("LoadBalancer")) {
      for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
        ips.add(
            ingress.has("ip") ? ingress.path("ip").asText() : ingress.path("hostname").asText());
      }
    }
    service.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
    if (ips.isEmpty()) {
      return type.equals("LoadBalancer") ? "<pending>" : "<none>";
    }
    return String.join(",", ips);
  }

  private static String ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.path("spec").path("ports")) {
      String text = port.path("port").asText();
      if (port.path("nodePort").asInt(0) > 0) {
        text += ":" + port.path("nodePort").asText();
      }
      ports.add(text + "/" + port.path("protocol").asText("TCP"));
    }
    return ports.isEmpty() ? "<none>" : String.join(",", ports);
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "<none>" : value;
  }
}

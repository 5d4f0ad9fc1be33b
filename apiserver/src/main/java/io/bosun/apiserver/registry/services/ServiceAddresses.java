package io.bosun.apiserver.registry.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the addresses of one Service write as kube-apiserver does: what it keeps from the old
 * version, what it names and must reserve, what is left to allocate; refuses with 422 what
 * Kubernetes refuses (a changed ClusterIP, an address out of range, a node port on a ClusterIP
 * Service).
 */
final class ServiceAddresses {
  record NamedPort(int port, String field) {}

  private final ObjectNode spec;
  private final List<String> namedIps = new ArrayList<>();
  private final List<NamedPort> namedPorts = new ArrayList<>();
  private final List<ObjectNode> portsNeedingNodePort = new ArrayList<>();
  private boolean needsIp;

  private ServiceAddresses(ObjectNode spec) {
    this.spec = spec;
  }

  static ServiceAddresses plan(ObjectNode service, ObjectNode old, ServiceNetwork network) {
    ObjectNode spec = service.get("spec") instanceof ObjectNode s ? s : service.putObject("spec");
    JsonNode oldSpec = old == null ? null : old.path("spec");
    String name = service.path("metadata").path("name").asText("");
    ServiceAddresses plan = new ServiceAddresses(spec);
    plan.planIp(name, oldSpec, network);
    plan.planNodePorts(name, oldSpec, network);
    return plan;
  }

  List<String> namedIps() {
    return namedIps;
  }

  List<NamedPort> namedPorts() {
    return namedPorts;
  }

  boolean needsIp() {
    return needsIp;
  }

  List<ObjectNode> portsNeedingNodePort() {
    return portsNeedingNodePort;
  }

  void setIp(String ip) {
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
    if (!ip.equals("None")) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    spec.put("ipFamilyPolicy", "SingleStack");
  }

  /** Returns whether a stored Service uses this ClusterIP ({@code ip}) or node port. */
  static boolean uses(JsonNode service, boolean ip, String value) {
    JsonNode spec = service.path("spec");
    if (ip) {
      return value.equals(clusterIp(spec));
    }
    for (JsonNode port : spec.path("ports")) {
      if (value.equals(port.path("nodePort").asText())) {
        return true;
      }
    }
    return false;
  }

  private void planIp(String name, JsonNode oldSpec, ServiceNetwork network) {
    String ip = clusterIp(spec);
    String oldIp = oldSpec == null ? "" : clusterIp(oldSpec);
    boolean oldHadIp = !oldIp.isEmpty() && !oldIp.equals("None");
    if (spec.path("type").asText("ClusterIP").equals("ExternalName")) {
      if (!ip.isEmpty() && !ip.equals(oldIp)) {
        throw invalid(name, "spec.clusterIP", ip, "must be empty for 'type' ExternalName");
      }
      spec.remove(List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"));
      return;
    }
    if (ip.isEmpty()) {
      if (oldHadIp) {
        setIp(oldIp);
      } else {
        needsIp = true;
      }
      return;
    }
    if (ip.equals("None")) {
      setIp(ip);
      return;
    }
    if (oldHadIp && !ip.equals(oldIp)) {
      throw invalid(name, "spec.clusterIPs[0]", List.of(ip), "may not change once set");
    }
    if (!network.contains(ip)) {
      throw invalid(name, "spec.clusterIPs", List.of(ip), network.outOfRange(ip));
    }
    if (!ip.equals(oldIp)) {
      namedIps.add(ip);
    }
    setIp(ip);
  }

  private void planNodePorts(String name, JsonNode oldSpec, ServiceNetwork network) {
    boolean needs = needsNodePorts(spec);
    Map<String, Integer> oldPorts = new HashMap<>();
    if (oldSpec != null && needsNodePorts(oldSpec)) {
      for (JsonNode port : oldSpec.path("ports")) {
        oldPorts.put(portKey(port), port.path("nodePort").asInt(0));
      }
    }
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof ObjectNode port)) {
        continue;
      }
      String field = "spec.ports[" + i + "].nodePort";
      int nodePort = port.path("nodePort").asInt(0);
      Integer kept = oldPorts.get(portKey(port));
      if (!needs) {
        if (nodePort != 0 && !Integer.valueOf(nodePort).equals(kept)) {
          throw Status.invalid(
                  "",
                  "Service",
                  name,
                  List.of(
                      FieldError.forbidden(
                          field,
                          "may not be used when `type` is '"
                              + spec.path("type").asText("ClusterIP")
                              + "'")))
              .asException();
        }
        port.remove("nodePort");
      } else if (nodePort == 0) {
        if (kept != null && kept != 0) {
          port.put("nodePort", kept);
        } else {
          portsNeedingNodePort.add(port);
        }
      } else if (!network.containsPort(nodePort)) {
        throw invalid(name, field, nodePort, network.portOutOfRange());
      } else if (!oldPorts.containsValue(nodePort)) {
        namedPorts.add(new NamedPort(nodePort, field));
      }
    }
  }

  private static boolean needsNodePorts(JsonNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  private static String portKey(JsonNode port) {
    return port.path("port").asText() + "/" + port.path("protocol").asText("TCP");
  }

  private static String clusterIp(JsonNode spec) {
    String ip = spec.path("clusterIP").asText("");
    if (ip.isEmpty() && spec.path("clusterIPs") instanceof ArrayNode ips && !ips.isEmpty()) {
      ip = ips.get(0).asText("");
    }
    return ip;
  }

  private static RuntimeException invalid(String name, String field, Object value, String why) {
    return ServiceNetwork.invalid(name, field, value, why);
  }
}

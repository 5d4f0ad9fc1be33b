package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.number;
import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tables of nodes, namespaces, configuration and identity kinds (config maps, secrets, service
 * accounts, role bindings), leases, priority classes and resource quotas.
 */
final class ClusterColumns {
  private ClusterColumns() {}

  private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  static final List<TableColumn> NODES =
      List.of(
          TableColumn.NAME,
          TableColumn.of("Status", "string", "The status of the node", ClusterColumns::nodeStatus),
          TableColumn.of("Roles", "string", "The roles of the node", ClusterColumns::roles),
          TableColumn.AGE,
          TableColumn.of(
              "Version",
              "string",
              "Kubelet Version reported by the node.",
              o -> text(o, "/status/nodeInfo/kubeletVersion")),
          TableColumn.wide(
              "Internal-IP",
              "string",
              "The node's internal address.",
              o -> address(o, "InternalIP")),
          TableColumn.wide(
              "External-IP",
              "string",
              "The node's external address.",
              o -> address(o, "ExternalIP")),
          nodeInfo("OS-Image", "osImage"),
          nodeInfo("Kernel-Version", "kernelVersion"),
          nodeInfo("Container-Runtime", "containerRuntimeVersion"));

  static final List<TableColumn> NAMESPACES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Status", "string", "The status of the namespace", o -> text(o, "/status/phase")),
          TableColumn.AGE);

  static final List<TableColumn> CONFIG_MAPS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Data",
              "string",
              "The number of data entries.",
              o -> o.path("data").size() + o.path("binaryData").size()),
          TableColumn.AGE);

  static final List<TableColumn> SECRETS =
      List.of(
          TableColumn.NAME,
          TableColumn.of("Type", "string", "The type of the secret", o -> text(o, "/type")),
          TableColumn.of(
              "Data", "string", "The number of data entries.", o -> o.path("data").size()),
          TableColumn.AGE);

  static final List<TableColumn> SERVICE_ACCOUNTS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Secrets",
              "string",
              "The number of secrets listed for the service account.",
              o -> o.path("secrets").size()),
          TableColumn.AGE);

  static final List<TableColumn> ROLE_BINDINGS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Role",
              "string",
              "The role the binding grants.",
              o -> text(o, "/roleRef/kind") + "/" + text(o, "/roleRef/name")),
          TableColumn.AGE,
          subjects("Users", "User"),
          subjects("Groups", "Group"),
          subjects("ServiceAccounts", "ServiceAccount"));

  static final List<TableColumn> LEASES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Holder", "string", "The holder of the lease.", o -> text(o, "/spec/holderIdentity")),
          TableColumn.AGE);

  static final List<TableColumn> PRIORITY_CLASSES =
      List.of(
          TableColumn.NAME,
          TableColumn.of("Value", "integer", "The priority of the pods.", o -> number(o, "/value")),
          TableColumn.of(
              "Global-Default",
              "boolean",
              "Whether this is the priority of pods without a class.",
              o -> o.path("globalDefault").asBoolean(false)),
          TableColumn.AGE,
          TableColumn.of(
              "PreemptionPolicy",
              "string",
              "Whether pods of this class preempt others.",
              o -> text(o, "/preemptionPolicy")));

  static final List<TableColumn> RESOURCE_QUOTAS =
      List.of(
          TableColumn.NAME,
          TableColumn.AGE,
          TableColumn.of(
              "Request",
              "string",
              "Request represents a minimum amount of cpu/memory that a container may consume.",
              o -> quota(o, false)),
          TableColumn.of(
              "Limit",
              "string",
              "Limits control the maximum amount of cpu/memory that a container may use"
                  + " independent of contention on the node.",
              o -> quota(o, true)));

  private static TableColumn nodeInfo(String name, String field) {
    return TableColumn.wide(
        name,
        "string",
        "The node's " + field + ".",
        o -> {
          String value = o.at("/status/nodeInfo/" + field).asText("");
          return value.isEmpty() ? "<unknown>" : value;
        });
  }

  /** Ready or NotReady (Unknown without the condition), then SchedulingDisabled if cordoned. */
  private static String nodeStatus(JsonNode node) {
    String status = "Unknown";
    for (JsonNode condition : node.at("/status/conditions")) {
      if (condition.path("type").asText("").equals("Ready")) {
        status = condition.path("status").asText("").equals("True") ? "Ready" : "NotReady";
      }
    }
    return node.at("/spec/unschedulable").asBoolean(false)
        ? status + ",SchedulingDisabled"
        : status;
  }

  private static String roles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    for (Map.Entry<String, JsonNode> label :
        Columns.fields(node.at("/metadata/labels")).entrySet()) {
      String key = label.getKey();
      if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
        roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
      } else if (key.equals(ROLE_LABEL) && !label.getValue().asText("").isEmpty()) {
        roles.add(label.getValue().asText());
      }
    }
    return roles.isEmpty() ? Columns.NONE : String.join(",", roles);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode address : node.at("/status/addresses")) {
      if (address.path("type").asText("").equals(type)) {
        return address.path("address").asText("");
      }
    }
    return Columns.NONE;
  }

  private static TableColumn subjects(String name, String kind) {
    return TableColumn.wide(
        name,
        "string",
        name + " in the binding",
        o -> {
          List<String> names = new ArrayList<>();
          for (JsonNode subject : o.path("subjects")) {
            if (subject.path("kind").asText("").equals(kind)) {
              String prefix =
                  kind.equals("ServiceAccount") ? subject.path("namespace").asText("") + "/" : "";
              names.add(prefix + subject.path("name").asText(""));
            }
          }
          return String.join(", ", names);
        });
  }

  /** {@code resource: used/hard} for every hard limit, the {@code limits.*} ones or the others. */
  private static String quota(JsonNode quota, boolean limits) {
    List<String> entries = new ArrayList<>();
    Columns.fields(quota.at("/status/hard"))
        .forEach(
            (resource, hard) -> {
              if (resource.startsWith("limits.") == limits) {
                JsonNode used = quota.at("/status/used").path(resource);
                entries.add(
                    resource
                        + ": "
                        + (used.isMissingNode() ? "0" : used.asText())
                        + "/"
                        + hard.asText());
              }
            });
    return String.join(", ", entries);
  }
}

package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.Schemas.bool;
import static io.bosun.apiserver.registry.Schemas.integer;
import static io.bosun.apiserver.registry.Schemas.list;
import static io.bosun.apiserver.registry.Schemas.map;
import static io.bosun.apiserver.registry.Schemas.object;
import static io.bosun.apiserver.registry.Schemas.string;
import static io.bosun.apiserver.registry.Schemas.stringMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Schemas;

/**
 * The schemas of pods and pod templates, deep enough for server-side apply to merge them as
 * Kubernetes does: the lists keyed as in Kubernetes' OpenAPI ({@code x-kubernetes-list-type: map}
 * with {@code x-kubernetes-list-map-keys}, and the strategic merge patch keys), atomic maps and
 * structs where Kubernetes has them. Fields not described here merge as untyped values.
 */
final class PodSchemas {
  private PodSchemas() {}

  /** A struct with the given {@code name, schema, name, schema, ...} properties. */
  static ObjectNode struct(String description, Object... properties) {
    ObjectNode props = Schemas.properties();
    for (int i = 0; i < properties.length; i += 2) {
      props.set((String) properties[i], (ObjectNode) properties[i + 1]);
    }
    ObjectNode schema = object(description);
    schema.set("properties", props);
    return schema;
  }

  /** A list merged item by item, keyed by {@code keys} (the first is the patch merge key). */
  static ObjectNode mapList(String description, ObjectNode items, String... keys) {
    ObjectNode schema = list(description, items);
    schema.put("x-kubernetes-list-type", "map");
    ArrayNode keyNames = schema.putArray("x-kubernetes-list-map-keys");
    for (String key : keys) {
      keyNames.add(key);
    }
    schema.put("x-kubernetes-patch-strategy", "merge");
    schema.put("x-kubernetes-patch-merge-key", keys[0]);
    return schema;
  }

  /** A list of scalars merged as a set. */
  static ObjectNode set(String description, ObjectNode items) {
    ObjectNode schema = list(description, items);
    schema.put("x-kubernetes-list-type", "set");
    return schema;
  }

  /** {@code schema}, replaced whole by server-side apply. */
  static ObjectNode atomic(ObjectNode schema) {
    return schema.put("x-kubernetes-map-type", "atomic");
  }

  /** A label selector (atomic, as in Kubernetes). */
  static ObjectNode labelSelector(String description) {
    return atomic(
        struct(
            description,
            "matchLabels",
            stringMap("Labels to match."),
            "matchExpressions",
            list("Label selector requirements.", object(""))));
  }

  /** Status conditions, keyed by type. */
  static ObjectNode conditions(String description) {
    return mapList(
        description,
        struct(
            "A condition.",
            "type",
            string("Type of the condition."),
            "status",
            string("True, False or Unknown."),
            "reason",
            string("Machine-readable reason."),
            "message",
            string("Human-readable message.")),
        "type");
  }

  /** A pod template: metadata and a pod spec. */
  static ObjectNode template(String description) {
    return struct(description, "metadata", Schemas.OBJECT_META.deepCopy(), "spec", podSpec());
  }

  /** The spec of a pod. */
  static ObjectNode podSpec() {
    return struct(
        "Specification of the desired behavior of the pod.",
        "containers",
        mapList("Containers of the pod.", container(), "name"),
        "initContainers",
        mapList("Containers run before the others.", container(), "name"),
        "ephemeralContainers",
        mapList("Ephemeral containers.", container(), "name"),
        "volumes",
        volumes(),
        "imagePullSecrets",
        mapList("Secrets for pulling images.", struct("", "name", string("")), "name"),
        "hostAliases",
        mapList("Entries for /etc/hosts.", struct("", "ip", string("")), "ip"),
        "tolerations",
        list("Tolerations.", object("")),
        "nodeSelector",
        atomic(stringMap("Labels a node must have.")),
        "topologySpreadConstraints",
        mapList(
            "How pods spread across topology domains.",
            struct("", "topologyKey", string(""), "whenUnsatisfiable", string("")),
            "topologyKey",
            "whenUnsatisfiable"),
        "resourceClaims",
        mapList("Resource claims.", struct("", "name", string("")), "name"),
        "schedulingGates",
        mapList("Scheduling gates.", struct("", "name", string("")), "name"),
        "readinessGates",
        list("Readiness gates.", object("")),
        "affinity",
        object("Scheduling constraints."),
        "securityContext",
        object("Pod-level security attributes."),
        "restartPolicy",
        string("Always, OnFailure or Never."),
        "terminationGracePeriodSeconds",
        integer("Seconds to wait before killing the pod."),
        "activeDeadlineSeconds",
        integer("Seconds the pod may run."),
        "dnsPolicy",
        string("DNS policy."),
        "serviceAccountName",
        string("The pod's service account."),
        "automountServiceAccountToken",
        bool("Whether to mount the service account token."),
        "nodeName",
        string("The node the pod is bound to."),
        "hostNetwork",
        bool("Whether the pod uses the host's network."),
        "schedulerName",
        string("The scheduler to dispatch the pod."),
        "priorityClassName",
        string("The pod's priority class."),
        "hostname",
        string("The pod's hostname."),
        "subdomain",
        string("The pod's subdomain."));
  }

  private static ObjectNode volumes() {
    ObjectNode schema =
        mapList(
            "Volumes the containers may mount.",
            struct(
                "A volume.",
                "name",
                string("Name of the volume."),
                "emptyDir",
                object("A temporary directory."),
                "hostPath",
                object("A directory of the host."),
                "configMap",
                object("A ConfigMap's keys as files."),
                "secret",
                object("A Secret's keys as files."),
                "persistentVolumeClaim",
                object("A claimed persistent volume."),
                "projected",
                object("Several sources in one directory."),
                "downwardAPI",
                object("Pod fields as files.")),
            "name");
    return schema.put("x-kubernetes-patch-strategy", "merge,retainKeys");
  }

  private static ObjectNode container() {
    ObjectNode port =
        struct(
            "A port the container exposes.",
            "containerPort",
            integer("Port number."),
            "protocol",
            string("UDP, TCP or SCTP.").put("default", "TCP"),
            "name",
            string("Name of the port."),
            "hostPort",
            integer("Port on the host."),
            "hostIP",
            string("Host IP to bind to."));
    return struct(
        "A container.",
        "name",
        string("Name of the container."),
        "image",
        string("Container image."),
        "imagePullPolicy",
        string("Always, Never or IfNotPresent."),
        "command",
        list("Entrypoint.", string("")),
        "args",
        list("Arguments to the entrypoint.", string("")),
        "workingDir",
        string("Working directory."),
        "ports",
        mapList("Ports the container exposes.", port, "containerPort", "protocol"),
        "env",
        mapList(
            "Environment variables.",
            struct(
                "",
                "name",
                string(""),
                "value",
                string(""),
                "valueFrom",
                object("Source of the value.")),
            "name"),
        "envFrom",
        list("Sources of environment variables.", object("")),
        "volumeMounts",
        mapList(
            "Volumes mounted into the container.",
            struct("", "name", string(""), "mountPath", string("")),
            "mountPath"),
        "volumeDevices",
        mapList(
            "Block devices.",
            struct("", "name", string(""), "devicePath", string("")),
            "devicePath"),
        "resources",
        struct(
            "Compute resources.",
            "limits",
            map("Maximum resources.", string("")),
            "requests",
            map("Minimum resources.", string("")),
            "claims",
            mapList("Resource claims.", struct("", "name", string("")), "name")),
        "resizePolicy",
        list("Resize policies.", object("")),
        "livenessProbe",
        object("Probe of liveness."),
        "readinessProbe",
        object("Probe of readiness."),
        "startupProbe",
        object("Probe of start-up."),
        "lifecycle",
        object("Lifecycle hooks."),
        "securityContext",
        object("Security options."),
        "terminationMessagePath",
        string("Path of the termination message."),
        "terminationMessagePolicy",
        string("How the termination message is populated."),
        "stdin",
        bool("Whether to allocate stdin."),
        "tty",
        bool("Whether to allocate a TTY."));
  }
}

package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The defaults Kubernetes fills into the built-in kinds (pkg/apis/.../v1/defaults.go), which
 * kubectl users see in {@code get -o yaml} and which controllers rely on.
 */
final class Defaults {
  private Defaults() {}

  static void pod(ObjectNode pod) {
    podSpec(child(pod, "spec"));
  }

  static void podTemplate(ObjectNode template) {
    podSpec(child(child(template, "template"), "spec"));
  }

  /** Defaults a pod template at {@code owner.spec.template}. */
  static void template(ObjectNode owner) {
    podSpec(child(child(child(owner, "spec"), "template"), "spec"));
  }

  static void podSpec(ObjectNode spec) {
    put(spec, "restartPolicy", "Always");
    put(spec, "dnsPolicy", "ClusterFirst");
    put(spec, "schedulerName", "default-scheduler");
    put(spec, "terminationGracePeriodSeconds", 30);
    child(spec, "securityContext");
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : spec.path(list)) {
        if (container instanceof ObjectNode c) {
          container(c);
        }
      }
    }
  }

  private static void container(ObjectNode container) {
    put(container, "terminationMessagePath", "/dev/termination-log");
    put(container, "terminationMessagePolicy", "File");
    put(container, "imagePullPolicy", pullPolicy(container.path("image").asText("")));
    child(container, "resources");
    for (JsonNode port : container.path("ports")) {
      if (port instanceof ObjectNode p) {
        put(p, "protocol", "TCP");
      }
    }
  }

  /** Always for an image without a tag or tagged latest, else IfNotPresent; digests count. */
  static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      return "Always";
    }
    return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }

  static void deployment(ObjectNode deployment) {
    ObjectNode spec = child(deployment, "spec");
    put(spec, "replicas", 1);
    ObjectNode strategy = child(spec, "strategy");
    put(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      put(rolling, "maxUnavailable", "25%");
      put(rolling, "maxSurge", "25%");
    }
    put(spec, "revisionHistoryLimit", 10);
    put(spec, "progressDeadlineSeconds", 600);
    template(deployment);
  }

  static void replicaSet(ObjectNode replicaSet) {
    put(child(replicaSet, "spec"), "replicas", 1);
    template(replicaSet);
  }

  static void replicationController(ObjectNode controller) {
    ObjectNode spec = child(controller, "spec");
    put(spec, "replicas", 1);
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    if (!spec.has("selector") && labels.isObject()) {
      spec.set("selector", labels.deepCopy());
    }
    if (spec.has("template")) {
      template(controller);
    }
  }

  static void statefulSet(ObjectNode statefulSet) {
    ObjectNode spec = child(statefulSet, "spec");
    put(spec, "replicas", 1);
    put(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = child(spec, "updateStrategy");
    put(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      put(child(strategy, "rollingUpdate"), "partition", 0);
    }
    put(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = child(spec, "persistentVolumeClaimRetentionPolicy");
    put(retention, "whenDeleted", "Retain");
    put(retention, "whenScaled", "Retain");
    template(statefulSet);
  }

  static void daemonSet(ObjectNode daemonSet) {
    ObjectNode spec = child(daemonSet, "spec");
    ObjectNode strategy = child(spec, "updateStrategy");
    put(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      put(rolling, "maxUnavailable", 1);
      put(rolling, "maxSurge", 0);
    }
    put(spec, "revisionHistoryLimit", 10);
    template(daemonSet);
  }

  static void job(ObjectNode job) {
    jobSpec(child(job, "spec"));
  }

  private static void jobSpec(ObjectNode spec) {
    put(spec, "parallelism", 1);
    put(spec, "completions", 1);
    put(spec, "backoffLimit", 6);
    put(spec, "completionMode", "NonIndexed");
    put(spec, "suspend", false);
    podSpec(child(child(spec, "template"), "spec"));
  }

  static void cronJob(ObjectNode cronJob) {
    ObjectNode spec = child(cronJob, "spec");
    put(spec, "concurrencyPolicy", "Allow");
    put(spec, "suspend", false);
    put(spec, "successfulJobsHistoryLimit", 3);
    put(spec, "failedJobsHistoryLimit", 1);
    ObjectNode jobSpec = child(child(spec, "jobTemplate"), "spec");
    put(jobSpec, "backoffLimit", 6);
    put(jobSpec, "completionMode", "NonIndexed");
    put(jobSpec, "suspend", false);
    podSpec(child(child(jobSpec, "template"), "spec"));
  }

  static void service(ObjectNode service) {
    ObjectNode spec = child(service, "spec");
    put(spec, "type", "ClusterIP");
    put(spec, "sessionAffinity", "None");
    if (!spec.path("type").asText().equals("ExternalName")) {
      put(spec, "internalTrafficPolicy", "Cluster");
    }
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p) {
        put(p, "protocol", "TCP");
        if (!p.has("targetPort") && p.has("port")) {
          p.set("targetPort", p.get("port").deepCopy());
        }
      }
    }
  }

  /** The object at {@code parent.field}, created empty when missing or not an object. */
  static ObjectNode child(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void put(ObjectNode node, String field, Object value) {
    JsonNode current = node.get(field);
    if (current != null && !current.isNull()) {
      return;
    }
    if (value instanceof Integer i) {
      node.set(field, IntNode.valueOf(i));
    } else if (value instanceof Boolean b) {
      node.put(field, b);
    } else {
      node.set(field, TextNode.valueOf(value.toString()));
    }
  }
}

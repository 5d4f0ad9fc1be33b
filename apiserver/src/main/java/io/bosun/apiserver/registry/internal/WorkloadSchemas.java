package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.Schemas.bool;
import static io.bosun.apiserver.registry.Schemas.integer;
import static io.bosun.apiserver.registry.Schemas.list;
import static io.bosun.apiserver.registry.Schemas.map;
import static io.bosun.apiserver.registry.Schemas.object;
import static io.bosun.apiserver.registry.Schemas.string;
import static io.bosun.apiserver.registry.Schemas.stringMap;
import static io.bosun.apiserver.registry.internal.PodSchemas.atomic;
import static io.bosun.apiserver.registry.internal.PodSchemas.conditions;
import static io.bosun.apiserver.registry.internal.PodSchemas.labelSelector;
import static io.bosun.apiserver.registry.internal.PodSchemas.mapList;
import static io.bosun.apiserver.registry.internal.PodSchemas.set;
import static io.bosun.apiserver.registry.internal.PodSchemas.struct;
import static io.bosun.apiserver.registry.internal.PodSchemas.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Schemas;

/**
 * The schemas of the kinds that carry pods (pods, templates, workloads, jobs), services and nodes,
 * with the merge semantics of Kubernetes' OpenAPI for server-side apply.
 */
final class WorkloadSchemas {
  private WorkloadSchemas() {}

  static ObjectNode pod(String description) {
    return kind(
        description,
        PodSchemas.podSpec(),
        struct(
            "Most recently observed status of the pod.",
            "phase",
            string("Pending, Running, Succeeded, Failed or Unknown."),
            "conditions",
            conditions("Current service state of the pod."),
            "hostIP",
            string("IP of the pod's host."),
            "podIP",
            string("IP of the pod."),
            "podIPs",
            mapList("IPs of the pod.", struct("", "ip", string("")), "ip"),
            "startTime",
            string("When the pod was acknowledged by the node."),
            "containerStatuses",
            list("Statuses of the containers.", object("")),
            "initContainerStatuses",
            list("Statuses of the init containers.", object("")),
            "qosClass",
            string("Quality of service class."),
            "message",
            string("Why the pod is in this condition."),
            "reason",
            string("Brief reason.")));
  }

  static ObjectNode podTemplate(String description) {
    return Schemas.kind(
        description,
        Schemas.properties().set("template", template("Pods created from this template.")));
  }

  static ObjectNode replicationController(String description) {
    return kind(
        description,
        struct(
            "Specification of the replication controller.",
            "replicas",
            integer("Desired number of pods."),
            "selector",
            atomic(stringMap("Labels of the pods this controller manages.")),
            "template",
            template("Pods created when too few exist."),
            "minReadySeconds",
            integer("Seconds a pod must be ready to be available.")),
        replicatedStatus());
  }

  static ObjectNode deployment(String description) {
    return kind(
        description,
        replicatedSpec(
            "Specification of the deployment.",
            "strategy",
            object("How pods are replaced."),
            "revisionHistoryLimit",
            integer("Old replica sets to keep."),
            "paused",
            bool("Whether the deployment is paused."),
            "progressDeadlineSeconds",
            integer("Seconds before the deployment is considered failed.")),
        replicatedStatus());
  }

  static ObjectNode replicaSet(String description) {
    return kind(
        description, replicatedSpec("Specification of the replica set."), replicatedStatus());
  }

  static ObjectNode statefulSet(String description) {
    return kind(
        description,
        replicatedSpec(
            "Specification of the stateful set.",
            "serviceName",
            string("The governing service."),
            "podManagementPolicy",
            string("OrderedReady or Parallel."),
            "updateStrategy",
            object("How pods are updated."),
            "volumeClaimTemplates",
            list("Claims each pod gets.", object("")),
            "revisionHistoryLimit",
            integer("Revisions to keep.")),
        replicatedStatus());
  }

  /** A spec with replicas, a label selector, a pod template and {@code more} properties. */
  private static ObjectNode replicatedSpec(String description, Object... more) {
    ObjectNode spec =
        struct(
            description,
            "replicas",
            integer("Desired number of pods."),
            "selector",
            labelSelector("Label selector of the pods."),
            "template",
            template("Pods to create."),
            "minReadySeconds",
            integer("Seconds a pod must be ready to be available."));
    spec.with("properties").setAll(struct("", more).with("properties"));
    return spec;
  }

  static ObjectNode daemonSet(String description) {
    return kind(
        description,
        struct(
            "Specification of the daemon set.",
            "selector",
            labelSelector("Label selector of the pods."),
            "template",
            template("Pods to run on each node."),
            "updateStrategy",
            object("How pods are updated."),
            "minReadySeconds",
            integer("Seconds a pod must be ready to be available."),
            "revisionHistoryLimit",
            integer("Revisions to keep.")),
        replicatedStatus());
  }

  static ObjectNode job(String description) {
    return kind(description, jobSpec(), jobStatus());
  }

  static ObjectNode cronJob(String description) {
    return kind(
        description,
        struct(
            "Specification of the cron job.",
            "schedule",
            string("Cron schedule."),
            "timeZone",
            string("Time zone of the schedule."),
            "startingDeadlineSeconds",
            integer("Deadline for starting a missed job."),
            "concurrencyPolicy",
            string("Allow, Forbid or Replace."),
            "suspend",
            bool("Whether to suspend executions."),
            "jobTemplate",
            struct(
                "Jobs to create.", "metadata", Schemas.OBJECT_META.deepCopy(), "spec", jobSpec()),
            "successfulJobsHistoryLimit",
            integer("Finished jobs to keep."),
            "failedJobsHistoryLimit",
            integer("Failed jobs to keep.")),
        struct(
            "Current state of the cron job.",
            "active",
            list("Running jobs.", object("")),
            "lastScheduleTime",
            string("When a job was last scheduled."),
            "lastSuccessfulTime",
            string("When a job last succeeded.")));
  }

  static ObjectNode service(String description) {
    ObjectNode port =
        struct(
            "A port of the service.",
            "port",
            integer("Port number."),
            "protocol",
            string("TCP, UDP or SCTP.").put("default", "TCP"),
            "name",
            string("Name of the port."),
            "targetPort",
            string("Port on the pods, a number or a name.").put("x-kubernetes-int-or-string", true),
            "nodePort",
            integer("Port on each node."),
            "appProtocol",
            string("Application protocol."));
    return kind(
        description,
        struct(
            "Specification of the service.",
            "ports",
            mapList("Ports the service exposes.", port, "port", "protocol"),
            "selector",
            atomic(stringMap("Labels of the pods behind the service.")),
            "type",
            string("ClusterIP, NodePort, LoadBalancer or ExternalName."),
            "clusterIP",
            string("The service's IP."),
            "clusterIPs",
            list("The service's IPs.", string("")),
            "externalIPs",
            list("External IPs.", string("")),
            "ipFamilies",
            list("IP families.", string("")),
            "ipFamilyPolicy",
            string("IP family policy."),
            "sessionAffinity",
            string("ClientIP or None."),
            "externalName",
            string("DNS name of an ExternalName service."),
            "externalTrafficPolicy",
            string("Cluster or Local."),
            "internalTrafficPolicy",
            string("Cluster or Local."),
            "loadBalancerSourceRanges",
            list("Client ranges allowed.", string("")),
            "publishNotReadyAddresses",
            bool("Whether unready pods get DNS records.")),
        struct(
            "Most recently observed status of the service.",
            "loadBalancer",
            object("Status of the load balancer."),
            "conditions",
            conditions("Current state of the service.")));
  }

  static ObjectNode node(String description) {
    return kind(
        description,
        struct(
            "Specification of the node.",
            "podCIDR",
            string("Pod IP range."),
            "podCIDRs",
            set("Pod IP ranges.", string("")),
            "taints",
            list("Taints of the node.", object("")),
            "unschedulable",
            bool("Whether new pods may be scheduled."),
            "providerID",
            string("Cloud provider's ID.")),
        struct(
            "Most recently observed status of the node.",
            "addresses",
            mapList("Addresses of the node.", struct("", "type", string("")), "type"),
            "conditions",
            conditions("Current state of the node."),
            "capacity",
            map("Total resources.", string("")),
            "allocatable",
            map("Resources for pods.", string("")),
            "nodeInfo",
            object("General information about the node."),
            "daemonEndpoints",
            object("Endpoints of daemons on the node."),
            "images",
            list("Images on the node.", object(""))));
  }

  private static ObjectNode jobSpec() {
    return struct(
        "Specification of the job.",
        "parallelism",
        integer("Pods to run at once."),
        "completions",
        integer("Successful pods needed."),
        "activeDeadlineSeconds",
        integer("Seconds the job may run."),
        "backoffLimit",
        integer("Retries before failing."),
        "selector",
        labelSelector("Label selector of the pods."),
        "manualSelector",
        bool("Whether the selector is set by hand."),
        "template",
        template("Pods to run."),
        "ttlSecondsAfterFinished",
        integer("Seconds to keep the finished job."),
        "completionMode",
        string("NonIndexed or Indexed."),
        "suspend",
        bool("Whether the job is suspended."));
  }

  private static ObjectNode jobStatus() {
    return struct(
        "Current state of the job.",
        "conditions",
        list("Observations of the job's state.", object("")),
        "active",
        integer("Running pods."),
        "succeeded",
        integer("Succeeded pods."),
        "failed",
        integer("Failed pods."),
        "startTime",
        string("When the job started."),
        "completionTime",
        string("When the job completed."));
  }

  private static ObjectNode replicatedStatus() {
    return struct(
        "Most recently observed status.",
        "replicas",
        integer("Pods created."),
        "readyReplicas",
        integer("Ready pods."),
        "availableReplicas",
        integer("Available pods."),
        "updatedReplicas",
        integer("Pods of the current template."),
        "observedGeneration",
        integer("Generation observed."),
        "conditions",
        conditions("Current state."));
  }

  private static ObjectNode kind(String description, ObjectNode spec, ObjectNode status) {
    return Schemas.kind(
        description, Schemas.properties().<ObjectNode>set("spec", spec).set("status", status));
  }
}

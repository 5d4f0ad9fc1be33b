package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.Columns.containersAndImages;
import static io.bosun.apiserver.registry.internal.Columns.number;
import static io.bosun.apiserver.registry.internal.Columns.orNone;
import static io.bosun.apiserver.registry.internal.Columns.selector;
import static io.bosun.apiserver.registry.internal.Columns.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.registry.Ages;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables of the controllers that run pods (deployments, replica sets, replication controllers,
 * stateful sets, daemon sets, jobs, cron jobs), their revisions and pod templates.
 */
final class WorkloadColumns {
  private WorkloadColumns() {}

  private static final String TEMPLATE = "/spec/template/spec";

  /** Ready replicas out of the desired ones, for deployments and stateful sets. */
  private static final TableColumn READY =
      TableColumn.of(
          "Ready",
          "string",
          "Number of the pod with ready state",
          o -> number(o, "/status/readyReplicas") + "/" + number(o, "/spec/replicas"));

  static final List<TableColumn> DEPLOYMENTS =
      concat(
          List.of(
              TableColumn.NAME,
              READY,
              count(
                  "Up-to-date",
                  "string",
                  "Pods that have the desired template.",
                  "/status/updatedReplicas"),
              count(
                  "Available",
                  "string",
                  "Pods available for at least minReadySeconds.",
                  "/status/availableReplicas"),
              TableColumn.AGE),
          containersAndImages(TEMPLATE),
          // A deployment's selector prints bare, without <none>.
          List.of(selector(o -> Columns.labelSelector(o.at("/spec/selector")))));

  static final List<TableColumn> REPLICA_SETS =
      concat(replicaCounts(), containersAndImages(TEMPLATE), List.of(selector("/spec/selector")));

  static final List<TableColumn> REPLICATION_CONTROLLERS =
      concat(
          replicaCounts(),
          containersAndImages(TEMPLATE),
          List.of(selector(o -> Columns.labels(o.at("/spec/selector")))));

  static final List<TableColumn> STATEFUL_SETS =
      concat(List.of(TableColumn.NAME, READY, TableColumn.AGE), containersAndImages(TEMPLATE));

  static final List<TableColumn> DAEMON_SETS =
      concat(
          List.of(
              TableColumn.NAME,
              count(
                  "Desired",
                  "integer",
                  "Nodes that should run the daemon pod.",
                  "/status/desiredNumberScheduled"),
              count(
                  "Current",
                  "integer",
                  "Nodes running at least one daemon pod.",
                  "/status/currentNumberScheduled"),
              count("Ready", "integer", "Nodes whose daemon pod is ready.", "/status/numberReady"),
              count(
                  "Up-to-date",
                  "integer",
                  "Nodes running the updated daemon pod.",
                  "/status/updatedNumberScheduled"),
              count(
                  "Available",
                  "integer",
                  "Nodes whose daemon pod is available.",
                  "/status/numberAvailable"),
              TableColumn.of(
                  "Node Selector",
                  "string",
                  "The node selector of the pods.",
                  o -> Columns.labels(o.at(TEMPLATE + "/nodeSelector"))),
              TableColumn.AGE),
          containersAndImages(TEMPLATE),
          List.of(selector("/spec/selector")));

  static final List<TableColumn> JOBS =
      concat(
          List.of(
              TableColumn.NAME,
              TableColumn.of("Status", "string", "Status of the job.", WorkloadColumns::jobStatus),
              TableColumn.of(
                  "Completions",
                  "string",
                  "The number of pods which reached phase Succeeded.",
                  WorkloadColumns::completions),
              TableColumn.timed(
                  "Duration",
                  "string",
                  "Time required to complete the job.",
                  WorkloadColumns::jobDuration),
              TableColumn.AGE),
          containersAndImages(TEMPLATE),
          List.of(selector("/spec/selector")));

  static final List<TableColumn> CRON_JOBS =
      concat(
          List.of(
              TableColumn.NAME,
              TableColumn.of(
                  "Schedule",
                  "string",
                  "The schedule in Cron format.",
                  o -> text(o, "/spec/schedule")),
              TableColumn.of(
                  "Timezone",
                  "string",
                  "The time zone name for the given schedule.",
                  o -> orNone(text(o, "/spec/timeZone"))),
              TableColumn.of(
                  "Suspend",
                  "boolean",
                  "Whether subsequent executions are suspended.",
                  o -> Columns.bool(o.at("/spec/suspend"))),
              TableColumn.of(
                  "Active",
                  "integer",
                  "The currently running jobs.",
                  o -> o.at("/status/active").size()),
              TableColumn.timed(
                  "Last Schedule",
                  "string",
                  "When the job was last successfully scheduled.",
                  (o, now) ->
                      o.at("/status/lastScheduleTime").isTextual()
                          ? Ages.since(o.at("/status/lastScheduleTime"), now)
                          : Columns.NONE),
              TableColumn.AGE),
          containersAndImages("/spec/jobTemplate" + TEMPLATE),
          List.of(selector("/spec/jobTemplate/spec/selector")));

  static final List<TableColumn> CONTROLLER_REVISIONS =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Controller", "string", "Controller of the object", WorkloadColumns::controller),
          TableColumn.of(
              "Revision",
              "string",
              "Revision indicates the revision of the state represented by Data.",
              o -> number(o, "/revision")),
          TableColumn.AGE);

  static final List<TableColumn> POD_TEMPLATES =
      List.of(
          TableColumn.NAME,
          TableColumn.of(
              "Containers",
              "string",
              "Names of each container in the template.",
              o -> Columns.joined(o.at("/template/spec/containers"), "name")),
          TableColumn.of(
              "Images",
              "string",
              "Images referenced by each container in the template.",
              o -> Columns.joined(o.at("/template/spec/containers"), "image")),
          TableColumn.of(
              "Pod Labels",
              "string",
              "The labels for the pod template.",
              o -> Columns.labels(o.at("/template/metadata/labels"))));

  private static List<TableColumn> replicaCounts() {
    return List.of(
        TableColumn.NAME,
        count("Desired", "integer", "The number of desired replicas.", "/spec/replicas"),
        count("Current", "integer", "The number of created replicas.", "/status/replicas"),
        count("Ready", "integer", "The number of ready replicas.", "/status/readyReplicas"),
        TableColumn.AGE);
  }

  private static TableColumn count(String name, String type, String description, String pointer) {
    return TableColumn.of(name, type, description, o -> number(o, pointer));
  }

  private static String jobStatus(JsonNode job) {
    JsonNode conditions = job.at("/status/conditions");
    if (Columns.conditionTrue(conditions, "Complete")) {
      return "Complete";
    }
    if (Columns.conditionTrue(conditions, "Failed")) {
      return "Failed";
    }
    if (job.at("/metadata/deletionTimestamp").isTextual()) {
      return "Terminating";
    }
    if (Columns.conditionTrue(conditions, "Suspended")) {
      return "Suspended";
    }
    if (Columns.conditionTrue(conditions, "FailureTarget")) {
      return "FailureTarget";
    }
    return "Running";
  }

  private static String completions(JsonNode job) {
    long succeeded = number(job, "/status/succeeded");
    if (job.at("/spec/completions").isNumber()) {
      return succeeded + "/" + number(job, "/spec/completions");
    }
    long parallelism = number(job, "/spec/parallelism");
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String jobDuration(JsonNode job, Instant now) {
    Instant start = Ages.instant(job.at("/status/startTime"));
    if (start == null) {
      return "";
    }
    Instant end = Ages.instant(job.at("/status/completionTime"));
    return Ages.humanDuration(Duration.between(start, end == null ? now : end));
  }

  /** The controller owner as {@code kind.group/name} in lower case, or none. */
  private static String controller(JsonNode object) {
    for (JsonNode owner : object.at("/metadata/ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        String apiVersion = owner.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String kind = owner.path("kind").asText("");
        String groupKind = slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
        return groupKind.toLowerCase(Locale.ROOT) + "/" + owner.path("name").asText("");
      }
    }
    return Columns.NONE;
  }

  @SafeVarargs
  static List<TableColumn> concat(List<TableColumn>... parts) {
    List<TableColumn> all = new ArrayList<>();
    for (List<TableColumn> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}

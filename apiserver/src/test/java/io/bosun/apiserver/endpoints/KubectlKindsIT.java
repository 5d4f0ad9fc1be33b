package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real kubectl against the built-in kinds: discovery, defaults, generation, scale, status. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlKindsIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  private void createDeployment(String name, String selectorApp, String templateApp)
      throws Exception {
    kubectl.ok("create", "-f", deploymentFile(name, selectorApp, templateApp));
  }

  private String deploymentFile(String name, String selectorApp, String templateApp)
      throws Exception {
    return kubectl
        .file(
            name + ".yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %s
            spec:
              selector:
                matchLabels: {app: %s}
              template:
                metadata:
                  labels: {app: %s}
                spec:
                  containers:
                  - name: web
                    image: nginx
            """
                .formatted(name, selectorApp, templateApp))
        .toString();
  }

  private JsonNode deployment(String name) throws Exception {
    return MAPPER.readTree(kubectl.ok("get", "deploy", name, "-o", "json"));
  }

  @Test
  void apiResourcesAndVersionsListTheBuiltInGroups() throws Exception {
    String resources = kubectl.ok("api-resources");
    assertThat(resources)
        .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$")
        .containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$")
        .containsPattern("(?m)^nodes\\s+no\\s+v1\\s+false\\s+Node$")
        .containsPattern(
            "(?m)^horizontalpodautoscalers\\s+hpa\\s+autoscaling/v2\\s+true\\s+"
                + "HorizontalPodAutoscaler$")
        .containsPattern(
            "(?m)^customresourcedefinitions\\s+crd,crds\\s+apiextensions.k8s.io/v1\\s+false\\s+"
                + "CustomResourceDefinition$")
        .containsPattern("(?m)^clusterroles\\s+rbac.authorization.k8s.io/v1\\s+false\\s+");
    assertThat(kubectl.ok("api-resources", "--categories=all", "-o", "name"))
        .contains("pods", "services", "deployments.apps", "cronjobs.batch")
        .doesNotContain("configmaps");
    assertThat(kubectl.ok("api-versions").lines())
        .contains("v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2", "policy/v1");
  }

  @Test
  void createdDeploymentHasDefaultsAndGenerationOne() throws Exception {
    createDeployment("defaulted", "defaulted", "defaulted");

    JsonNode object = deployment("defaulted");
    assertThat(object.path("metadata").path("generation").asInt()).isEqualTo(1);
    JsonNode spec = object.path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.path("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(spec.path("progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asText())
        .isEqualTo("25%");
    assertThat(spec.path("strategy").path("rollingUpdate").path("maxSurge").asText())
        .isEqualTo("25%");
    JsonNode pod = spec.path("template").path("spec");
    assertThat(pod.path("restartPolicy").asText()).isEqualTo("Always");
    assertThat(pod.path("dnsPolicy").asText()).isEqualTo("ClusterFirst");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    assertThat(pod.path("containers").path(0).path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(kubectl.ok("get", "deploy", "defaulted"))
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
        .containsPattern("defaulted\\s+0/1\\s+0\\s+0\\s+");
  }

  @Test
  void createDeploymentsProtobufBodyIsDefaultedLikeItsJson() throws Exception {
    // kubectl create deployment posts protobuf, where Go writes unset plain fields as "" and false.
    kubectl.ok("create", "deployment", "typed", "--image=nginx", "--replicas=0");

    JsonNode spec = deployment("typed").path("spec");
    assertThat(spec.path("replicas").isInt()).isTrue();
    assertThat(spec.path("replicas").asInt()).isZero();
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(spec.path("strategy").path("rollingUpdate").path("maxSurge").asText())
        .isEqualTo("25%");
    assertThat(spec.has("paused")).isFalse();
    assertThat(spec.path("template").path("spec").has("hostNetwork")).isFalse();
    JsonNode container = spec.path("template").path("spec").path("containers").path(0);
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(container.has("tty")).isFalse();
  }

  @Test
  void autoscaleCreatesAHorizontalPodAutoscalerFromKubectlsProtobufBody() throws Exception {
    kubectl.ok("create", "deployment", "autoscaled", "--image=nginx", "--replicas=1");

    kubectl.ok("autoscale", "deployment", "autoscaled", "--min=1", "--max=3", "--cpu-percent=50");

    JsonNode hpa =
        MAPPER.readTree(
            kubectl.ok(
                "get", "horizontalpodautoscalers.v1.autoscaling", "autoscaled", "-o", "json"));
    assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
        .isEqualTo("autoscaled");
    assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(1);
    assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(3);
    assertThat(hpa.path("spec").path("targetCPUUtilizationPercentage").asInt()).isEqualTo(50);

    // The preferred version, v2, shows the same target as a cpu resource metric.
    JsonNode v2 = MAPPER.readTree(kubectl.ok("get", "hpa", "autoscaled", "-o", "json"));
    assertThat(v2.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
    assertThat(v2.path("spec").has("targetCPUUtilizationPercentage")).isFalse();
    JsonNode metric = v2.path("spec").path("metrics").path(0);
    assertThat(metric.path("type").asText()).isEqualTo("Resource");
    assertThat(metric.path("resource").path("name").asText()).isEqualTo("cpu");
    assertThat(metric.path("resource").path("target").path("type").asText())
        .isEqualTo("Utilization");
    assertThat(metric.path("resource").path("target").path("averageUtilization").asInt())
        .isEqualTo(50);
    assertThat(kubectl.ok("get", "hpa", "autoscaled")).contains("cpu: <unknown>/50%");
  }

  @Test
  void aV2MetricSurvivesAnUpdateThroughV1() throws Exception {
    kubectl.ok(
        "apply",
        "-f",
        kubectl
            .file(
                "two-metrics.yaml",
                """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: two-metrics
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 4
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
              - type: Resource
                resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}
            """)
            .toString());

    // A v1 client sees the cpu target only, and its change of it keeps the memory metric.
    kubectl.ok(
        "patch",
        "horizontalpodautoscalers.v1.autoscaling",
        "two-metrics",
        "--type=merge",
        "-p",
        "{\"spec\":{\"targetCPUUtilizationPercentage\":70}}");

    JsonNode v1 =
        MAPPER.readTree(
            kubectl.ok(
                "get", "horizontalpodautoscalers.v1.autoscaling", "two-metrics", "-o", "json"));
    assertThat(v1.path("spec").path("targetCPUUtilizationPercentage").asInt()).isEqualTo(70);
    assertThat(v1.path("spec").has("metrics")).isFalse();
    JsonNode v2 = MAPPER.readTree(kubectl.ok("get", "hpa", "two-metrics", "-o", "json"));
    assertThat(v2.path("spec").path("minReplicas").asInt()).isEqualTo(1);
    assertThat(v2.path("spec").path("metrics").findValuesAsText("name"))
        .containsExactly("cpu", "memory");
    assertThat(v2.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
    assertThat(v2.at("/spec/metrics/1/resource/target/averageValue").asText()).isEqualTo("100Mi");
  }

  @Test
  void anEventWrittenThroughEventsK8sIoIsACoreEventAndBack() throws Exception {
    HttpResponse<String> created =
        Api.post(
            "/apis/events.k8s.io/v1/namespaces/default/events",
            """
            {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "placed.1"},
             "eventTime": "2026-11-24T05:00:00.000000Z", "reportingController": "example.com/s",
             "reportingInstance": "s-1", "action": "Binding", "reason": "Scheduled",
             "type": "Normal", "note": "placed on node a",
             "regarding": {"kind": "Pod", "namespace": "default", "name": "web-1"}}
            """);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(MAPPER.readTree(created.body()).path("note").asText()).isEqualTo("placed on node a");

    // kubectl reads core events: the same event, in core's names.
    JsonNode core = MAPPER.readTree(kubectl.ok("get", "events", "placed.1", "-o", "json"));
    assertThat(core.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(core.path("message").asText()).isEqualTo("placed on node a");
    assertThat(core.path("involvedObject").path("name").asText()).isEqualTo("web-1");
    assertThat(core.path("reportingComponent").asText()).isEqualTo("example.com/s");
    assertThat(core.has("note")).isFalse();
    assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=web-1"))
        .contains("placed on node a");

    // events.k8s.io selects on its own field names.
    JsonNode selected =
        MAPPER.readTree(
            Api.get(
                    "/apis/events.k8s.io/v1/namespaces/default/events"
                        + "?fieldSelector=regarding.name%3Dweb-1")
                .body());
    assertThat(selected.path("items")).hasSize(1);
    assertThat(selected.at("/items/0/note").asText()).isEqualTo("placed on node a");

    // And a core event reads through events.k8s.io.
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "core-event.yaml",
                """
                apiVersion: v1
                kind: Event
                metadata:
                  name: core.1
                involvedObject: {kind: Pod, namespace: default, name: web-2}
                reason: Started
                message: hello
                type: Normal
                count: 3
                """)
            .toString());
    JsonNode events =
        MAPPER.readTree(kubectl.ok("get", "events.v1.events.k8s.io", "core.1", "-o", "json"));
    assertThat(events.path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
    assertThat(events.path("note").asText()).isEqualTo("hello");
    assertThat(events.path("regarding").path("name").asText()).isEqualTo("web-2");
    assertThat(events.path("deprecatedCount").asInt()).isEqualTo(3);
    assertThat(events.has("message")).isFalse();
  }

  @Test
  void drainCordonsTheNodeAndEvictsItsPods() throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "drained.yaml",
                """
                apiVersion: v1
                kind: Node
                metadata:
                  name: drained
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: on-drained
                spec:
                  nodeName: drained
                  containers:
                  - name: c
                    image: nginx
                """)
            .toString());

    String out = kubectl.ok("drain", "drained", "--force", "--grace-period=0", "--timeout=30s");

    assertThat(out).contains("pod/on-drained evicted").contains("node/drained drained");
    assertThat(kubectl.run("get", "pod", "on-drained").err()).contains("NotFound");
    assertThat(kubectl.ok("get", "node", "drained", "-o", "jsonpath={.spec.unschedulable}"))
        .isEqualTo("true");
  }

  @Test
  void specChangeBumpsGenerationAndLabelChangeDoesNot() throws Exception {
    createDeployment("generations", "generations", "generations");

    kubectl.ok(
        "patch",
        "deploy",
        "generations",
        "--type=merge",
        "-p",
        "{\"spec\":{\"minReadySeconds\":5}}");
    assertThat(deployment("generations").path("metadata").path("generation").asInt()).isEqualTo(2);

    kubectl.ok("label", "deploy", "generations", "tier=front");
    JsonNode labelled = deployment("generations");
    assertThat(labelled.path("metadata").path("labels").path("tier").asText()).isEqualTo("front");
    assertThat(labelled.path("metadata").path("generation").asInt()).isEqualTo(2);
  }

  @Test
  void scaleSetsReplicasThroughTheScaleSubresource() throws Exception {
    createDeployment("scaled", "scaled", "scaled");

    kubectl.ok("scale", "deployment", "scaled", "--replicas=3");

    assertThat(deployment("scaled").path("spec").path("replicas").asInt()).isEqualTo(3);
    JsonNode scale =
        MAPPER.readTree(
            kubectl.ok(
                "get", "--raw", "/apis/apps/v1/namespaces/default/deployments/scaled/scale"));
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=scaled");
  }

  @Test
  void statusChangesOnlyThroughTheStatusSubresource() throws Exception {
    createDeployment("statused", "statused", "statused");

    kubectl.ok(
        "patch",
        "deploy",
        "statused",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"replicas\":1,\"readyReplicas\":1},\"spec\":{\"replicas\":7}}");
    JsonNode afterStatus = deployment("statused");
    assertThat(afterStatus.path("status").path("readyReplicas").asInt()).isEqualTo(1);
    assertThat(afterStatus.path("spec").path("replicas").asInt()).isEqualTo(1);

    kubectl.ok(
        "patch",
        "deploy",
        "statused",
        "--type=merge",
        "-p",
        "{\"status\":{\"readyReplicas\":9},\"spec\":{\"minReadySeconds\":3}}");
    JsonNode afterMain = deployment("statused");
    assertThat(afterMain.path("status").path("readyReplicas").asInt()).isEqualTo(1);
    assertThat(afterMain.path("spec").path("minReadySeconds").asInt()).isEqualTo(3);
    assertThat(kubectl.ok("get", "deploy", "statused")).containsPattern("statused\\s+1/1\\s+");
  }

  @Test
  void selectorThatDoesNotMatchTheTemplateIsRefused() throws Exception {
    Kubectl.Result result = kubectl.run("create", "-f", deploymentFile("mismatched", "one", "two"));

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains("The Deployment \"mismatched\" is invalid")
        .contains("spec.template.metadata.labels")
        .contains("`selector` does not match template `labels`");
  }

  @Test
  void selectorCannotChange() throws Exception {
    createDeployment("fixed", "fixed", "fixed");

    Kubectl.Result result =
        kubectl.run(
            "patch",
            "deploy",
            "fixed",
            "--type=merge",
            "-p",
            "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("spec.selector").contains("field is immutable");
  }

  @Test
  void aRollingUpdateThatCanNeverMoveIsRefusedWithTheFieldAtFault() throws Exception {
    String file =
        kubectl
            .file(
                "stuck.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: stuck
                spec:
                  replicas: 2
                  strategy:
                    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
                  selector:
                    matchLabels: {app: stuck}
                  template:
                    metadata:
                      labels: {app: stuck}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                """)
            .toString();

    Kubectl.Result result = kubectl.run("create", "-f", file);

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains(
            "The Deployment \"stuck\" is invalid: spec.strategy.rollingUpdate.maxUnavailable:"
                + " Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}:"
                + " may not be 0 when `maxSurge` is 0");
  }

  @Test
  void aNegativeReplicaCountIsRefused() throws Exception {
    createDeployment("counted", "counted", "counted");

    Kubectl.Result result =
        kubectl.run(
            "patch", "deploy", "counted", "--type=merge", "-p", "{\"spec\":{\"replicas\":-1}}");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains(
            "The Deployment \"counted\" is invalid: spec.replicas: Invalid value: -1:"
                + " must be greater than or equal to 0");
    assertThat(deployment("counted").path("spec").path("replicas").asInt()).isEqualTo(1);
  }
}

package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kubectl get's output formats, pagination and selectors; each test in a namespace of its own. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KubectlGetIT {
  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  private void namespace(String name) throws Exception {
    kubectl.ok("create", "namespace", name);
  }

  private void deployment(String namespace, String name) throws Exception {
    kubectl.ok("create", "deployment", name, "-n", namespace, "--image=nginx:1.27", "--replicas=2");
  }

  private static List<String> header(String table) {
    return List.of(table.lines().findFirst().orElseThrow().trim().split("\\s{2,}"));
  }

  @Test
  void wideColumnsAppearOnlyWithWide() throws Exception {
    namespace("get-wide");
    deployment("get-wide", "web");
    assertThat(header(kubectl.ok("get", "deploy", "-n", "get-wide")))
        .containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    String wide = kubectl.ok("get", "deploy", "-n", "get-wide", "-o", "wide");
    assertThat(header(wide))
        .containsExactly(
            "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR");
    assertThat(wide)
        .containsPattern("(?m)^web\\s+0/2\\s+0\\s+0\\s+\\S+\\s+nginx\\s+nginx:1.27\\s+app=web$");

    kubectl.ok("run", "p", "-n", "get-wide", "--image=busybox");
    assertThat(header(kubectl.ok("get", "pods", "-n", "get-wide")))
        .containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    assertThat(kubectl.ok("get", "pods", "-n", "get-wide", "-o", "wide"))
        .containsPattern(
            "NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+"
                + "READINESS GATES")
        .containsPattern(
            "(?m)^p\\s+0/1\\s+Pending\\s+0\\s+\\S+\\s+<none>\\s+<none>\\s+<none>\\s+<none>$");
  }

  @Test
  void printsNamesCustomColumnsJsonPathAndSortsByAField() throws Exception {
    namespace("get-forms");
    deployment("get-forms", "beta");
    deployment("get-forms", "alpha");
    assertThat(deployments("name")).isEqualTo("deployment.apps/alpha\ndeployment.apps/beta\n");
    assertThat(
            deployments(
                "custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image,"
                    + "REPLICAS:.spec.replicas"))
        .isEqualTo(
            """
            NAME    IMAGE        REPLICAS
            alpha   nginx:1.27   2
            beta    nginx:1.27   2
            """);
    assertThat(deployments("jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}"))
        .isEqualTo("alpha=2 beta=2 ");
    // Sorting needs the whole objects in the Table's rows (includeObject=Object).
    kubectl.ok("scale", "deploy", "alpha", "-n", "get-forms", "--replicas=5");
    String sorted =
        kubectl.ok("get", "deploy", "-n", "get-forms", "--sort-by=.spec.replicas", "-o", "wide");
    assertThat(sorted.indexOf("beta")).isLessThan(sorted.indexOf("alpha"));
  }

  private String deployments(String output) throws Exception {
    return kubectl.ok("get", "deploy", "-n", "get-forms", "-o", output);
  }

  @Test
  void podStatusShowsTheContainerStateTheNodeReports() throws Exception {
    namespace("get-status");
    kubectl.ok("run", "crashy", "-n", "get-status", "--image=busybox");
    String finished = java.time.Instant.now().minusSeconds(30).toString();
    String status =
        """
        {"status":{"phase":"Running","containerStatuses":[{"name":"crashy","image":"busybox",
        "imageID":"","ready":false,"restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
        "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}}
        """
            .formatted(finished);
    assertThat(
            Api.patch(
                    "/api/v1/namespaces/get-status/pods/crashy/status",
                    "application/merge-patch+json",
                    status)
                .statusCode())
        .isEqualTo(200);
    assertThat(kubectl.ok("get", "pod", "crashy", "-n", "get-status"))
        .containsPattern("(?m)^crashy\\s+0/1\\s+CrashLoopBackOff\\s+3 \\(\\d+s ago\\)\\s+\\S+$");
  }

  @Test
  void getAllListsTheKindsOfTheAllCategory() throws Exception {
    namespace("get-all");
    deployment("get-all", "web");
    kubectl.ok("create", "service", "clusterip", "web", "-n", "get-all", "--tcp=80:8080");
    kubectl.ok("create", "configmap", "not-in-all", "-n", "get-all");
    String all = kubectl.ok("get", "all", "-n", "get-all");
    assertThat(all)
        .contains("service/web")
        .contains("deployment.apps/web")
        .doesNotContain("not-in-all");
    assertThat(all)
        .containsPattern("(?m)^NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE$");
    assertThat(all)
        .containsPattern("(?m)^service/web\\s+ClusterIP\\s+\\S+\\s+<none>\\s+80/TCP\\s+");
  }

  @Test
  void chunkSizePagesThroughEveryObject() throws Exception {
    namespace("get-chunks");
    for (int i = 1; i <= 5; i++) {
      kubectl.ok("create", "configmap", "page-" + i, "-n", "get-chunks");
    }
    Kubectl.Result paged = kubectl.run("get", "cm", "-n", "get-chunks", "--chunk-size=2", "-v=6");
    assertThat(paged.exit()).as(paged.err()).isZero();
    assertThat(paged.out().lines().filter(line -> line.startsWith("page-")).count()).isEqualTo(5);
    // Three requests: two full pages and the rest, each continuing the previous one.
    assertThat(
            paged
                .err()
                .lines()
                .filter(line -> line.matches(".*GET https://\\S+/configmaps\\?\\S*limit=2.*"))
                .count())
        .as(paged.err())
        .isEqualTo(3);
    assertThat(paged.err()).containsPattern("configmaps\\?continue=\\S+&limit=2");
    assertThat(kubectl.ok("get", "cm", "-n", "get-chunks", "--chunk-size=2", "-o", "name").lines())
        .contains(
            "configmap/page-1",
            "configmap/page-2",
            "configmap/page-3",
            "configmap/page-4",
            "configmap/page-5");
  }

  @Test
  void fieldAndLabelSelectorsFilterTheList() throws Exception {
    namespace("get-select");
    kubectl.ok(
        "run",
        "on-a",
        "-n",
        "get-select",
        "--image=busybox",
        "--labels=env=prod,tier=web",
        "--overrides={\"spec\":{\"nodeName\":\"node-a\"}}");
    kubectl.ok(
        "run",
        "on-b",
        "-n",
        "get-select",
        "--image=busybox",
        "--labels=env=staging,legacy=yes",
        "--overrides={\"spec\":{\"nodeName\":\"node-b\"}}");
    kubectl.ok("run", "nowhere", "-n", "get-select", "--image=busybox", "--labels=env=dev");
    Api.patch(
        "/api/v1/namespaces/get-select/pods/on-a/status",
        "application/merge-patch+json",
        "{\"status\":{\"phase\":\"Running\"}}");

    assertThat(names("--field-selector=metadata.name=on-b")).containsExactly("on-b");
    assertThat(names("--field-selector=status.phase=Running")).containsExactly("on-a");
    assertThat(names("--field-selector=status.phase!=Running")).containsExactly("nowhere", "on-b");
    assertThat(names("--field-selector=spec.nodeName=node-b")).containsExactly("on-b");
    assertThat(names("--field-selector=spec.nodeName=")).containsExactly("nowhere");
    assertThat(names("-l", "env=prod")).containsExactly("on-a");
    assertThat(names("-l", "env in (prod,staging)")).containsExactly("on-a", "on-b");
    assertThat(names("-l", "env notin (prod),!legacy")).containsExactly("nowhere");
    assertThat(names("-l", "legacy")).containsExactly("on-b");
    assertThat(names("-l", "env!=dev", "--field-selector=spec.nodeName=node-a"))
        .containsExactly("on-a");
  }

  @Test
  void eventsBindingsRolesAndNodesPrintTheirOwnColumns() throws Exception {
    namespace("get-kinds");
    String seen = java.time.Instant.now().minusSeconds(20).toString();
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "kinds.yaml",
                """
                apiVersion: v1
                kind: Event
                metadata: {name: web-1.pulled, namespace: get-kinds}
                involvedObject: {kind: Pod, name: web-1, namespace: get-kinds}
                reason: Pulled
                message: Pulled the image
                type: Normal
                count: 2
                source: {component: kubelet, host: node-a}
                firstTimestamp: "%s"
                lastTimestamp: "%s"
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: worker-7
                  labels: {node-role.kubernetes.io/worker: ""}
                status:
                  conditions: [{type: Ready, status: "True"}]
                  addresses: [{type: InternalIP, address: 10.0.0.7}]
                  nodeInfo: {kubeletVersion: v1.32.0, osImage: Debian 12, kernelVersion: 6.1.0,
                    containerRuntimeVersion: bosun://0.1, machineID: "", systemUUID: "",
                    bootID: "", kubeProxyVersion: "", operatingSystem: linux,
                    architecture: amd64}
                """
                    .formatted(seen, seen))
            .toString());
    String events = kubectl.ok("get", "events", "-n", "get-kinds");
    assertThat(header(events)).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    assertThat(events)
        .containsPattern("(?m)^\\d+s\\s+Normal\\s+Pulled\\s+pod/web-1\\s+Pulled the image$");
    assertThat(header(kubectl.ok("get", "events", "-n", "get-kinds", "-o", "wide")))
        .containsExactly(
            "LAST SEEN",
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT",
            "SOURCE",
            "MESSAGE",
            "FIRST SEEN",
            "COUNT",
            "NAME");

    kubectl.ok("create", "role", "reader", "-n", "get-kinds", "--verb=get", "--resource=pods");
    assertThat(kubectl.ok("get", "roles", "-n", "get-kinds"))
        .containsPattern("(?m)^NAME\\s+CREATED AT$")
        .containsPattern("(?m)^reader\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
    kubectl.ok(
        "create",
        "rolebinding",
        "readers",
        "-n",
        "get-kinds",
        "--role=reader",
        "--user=alice",
        "--serviceaccount=get-kinds:bot");
    String bindings = kubectl.ok("get", "rolebindings", "-n", "get-kinds", "-o", "wide");
    assertThat(header(bindings))
        .containsExactly("NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS");
    assertThat(bindings)
        .containsPattern("(?m)^readers\\s+Role/reader\\s+\\d+s\\s+alice\\s+get-kinds/bot$");

    assertThat(header(kubectl.ok("get", "node", "worker-7")))
        .containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
    assertThat(kubectl.ok("get", "node", "worker-7", "-o", "wide"))
        .containsPattern(
            "(?m)^worker-7\\s+Ready\\s+worker\\s+\\d+s\\s+v1.32.0\\s+10.0.0.7\\s+<none>\\s+"
                + "Debian 12\\s+6.1.0\\s+bosun://0.1$");
  }

  private List<String> names(String... selection) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of("get", "pods", "-n", "get-select", "-o", "name"));
    args.addAll(List.of(selection));
    return kubectl.ok(args.toArray(String[]::new)).lines().map(l -> l.substring(4)).toList();
  }
}

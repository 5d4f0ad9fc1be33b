package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against CustomResourceDefinitions: a new definition is served within a second
 * (discovery, short names, categories, OpenAPI for explain), its resources are created, listed,
 * patched and deleted, and deleting the definition deletes them and stops serving it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CrdKubectlIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
  }

  /** Creates a widgets definition in {@code group} and waits until it is established. */
  private void define(String group, String plural, String kind, String shortName, String category)
      throws Exception {
    Crds.define(kubectl, group, plural, kind, shortName, category);
  }

  private void create(String group, String kind, String name, String spec) throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl.file(name + ".yaml", Crds.widget(group, kind, name, spec)).toString());
  }

  static JsonNode condition(JsonNode crd, String type) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return MAPPER.createObjectNode();
  }

  private JsonNode json(String... args) throws Exception {
    return MAPPER.readTree(kubectl.ok(args));
  }

  @Test
  void newDefinitionIsServedWithinASecondWithItsNamesAndConditions() throws Exception {
    long start = System.nanoTime();
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "gadgets.yaml",
                Crds.widgets("served.example.com", "gadgets", "Gadget", "gd", "toys"))
            .toString());
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                Api.get("/apis/served.example.com/v1/namespaces/default/gadgets").statusCode()
                    == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    JsonNode crd = json("get", "crd", "gadgets.served.example.com", "-o", "json");
    JsonNode status = crd.path("status");
    assertThat(status.path("acceptedNames").path("kind").asText()).isEqualTo("Gadget");
    assertThat(status.path("acceptedNames").path("shortNames").path(0).asText()).isEqualTo("gd");
    assertThat(status.path("storedVersions").toString()).isEqualTo("[\"v1\"]");
    assertThat(condition(crd, "NamesAccepted").path("status").asText()).isEqualTo("True");
    assertThat(condition(crd, "NamesAccepted").path("reason").asText()).isEqualTo("NoConflicts");
    assertThat(condition(crd, "Established").path("status").asText()).isEqualTo("True");
    assertThat(kubectl.ok("get", "crd", "gadgets.served.example.com"))
        .containsPattern("NAME\\s+CREATED AT")
        .containsPattern(
            "gadgets.served.example.com\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(kubectl.ok("api-resources", "--api-group=served.example.com"))
        .containsPattern("(?m)^gadgets\\s+gd\\s+served.example.com/v1\\s+true\\s+Gadget$");
  }

  @Test
  void shortNamesCategoriesAndPrinterColumnsWorkInGet() throws Exception {
    define("columns.example.com", "widgets", "Widget", "wdg", "colored");
    create("columns.example.com", "Widget", "blue-one", "color: blue\nreplicas: 3");

    assertThat(kubectl.ok("get", "wdg"))
        .containsPattern("NAME\\s+COLOR\\s+REPLICAS\\s+AGE")
        .containsPattern("blue-one\\s+blue\\s+3\\s+\\d+s");
    assertThat(kubectl.ok("get", "wdg", "-o", "wide"))
        .containsPattern("NAME\\s+COLOR\\s+REPLICAS\\s+SIZE\\s+AGE")
        .containsPattern("blue-one\\s+blue\\s+3\\s+medium\\s+");
    assertThat(kubectl.ok("get", "colored", "-o", "name"))
        .isEqualTo("widget.columns.example.com/blue-one\n");
  }

  @Test
  void explainShowsTheSchemaOfTheCustomResource() throws Exception {
    define("explained.example.com", "gizmos", "Gizmo", "gz", "explained");

    String explained = kubectl.ok("explain", "gizmos.spec");

    assertThat(explained)
        .contains("GROUP:      explained.example.com")
        .contains("KIND:       Gizmo")
        .contains("VERSION:    v1")
        .contains("The desired state of the widget.")
        .containsPattern("color\\s+<string> -required-")
        .contains("The color of the widget.");
  }

  @Test
  void customResourcesAreCreatedPatchedListedAndDeleted() throws Exception {
    define("crud.example.com", "widgets", "Widget", "wd", "crud");
    create("crud.example.com", "Widget", "first", "color: red");

    JsonNode first = json("get", "widgets.crud.example.com", "first", "-o", "json");
    assertThat(first.path("apiVersion").asText()).isEqualTo("crud.example.com/v1");
    assertThat(first.path("metadata").path("generation").asInt()).isEqualTo(1);
    assertThat(first.path("metadata").path("uid").asText()).isNotEmpty();

    kubectl.ok(
        "patch",
        "widgets.crud.example.com",
        "first",
        "--type=merge",
        "-p",
        "{\"spec\":{\"color\":\"green\"}}");
    JsonNode patched = json("get", "widgets.crud.example.com", "first", "-o", "json");
    assertThat(patched.path("spec").path("color").asText()).isEqualTo("green");
    assertThat(patched.path("metadata").path("generation").asInt()).isEqualTo(2);

    String applied =
        kubectl
            .file("applied.yaml", Crds.widget("crud.example.com", "Widget", "second", "color: red"))
            .toString();
    kubectl.ok("apply", "-f", applied);
    kubectl.ok(
        "apply",
        "-f",
        kubectl
            .file(
                "applied.yaml", Crds.widget("crud.example.com", "Widget", "second", "color: blue"))
            .toString());
    assertThat(
            json("get", "widgets.crud.example.com", "second", "-o", "json")
                .path("spec")
                .path("color")
                .asText())
        .isEqualTo("blue");
    assertThat(kubectl.ok("get", "widgets.crud.example.com", "-o", "name"))
        .isEqualTo("widget.crud.example.com/first\nwidget.crud.example.com/second\n");
    assertThat(
            kubectl.ok(
                "get",
                "widgets.crud.example.com",
                "--field-selector=spec.color=blue",
                "-o",
                "name"))
        .isEqualTo("widget.crud.example.com/second\n");

    kubectl.ok("delete", "widgets.crud.example.com", "first");
    assertThat(kubectl.ok("get", "widgets.crud.example.com", "-o", "name"))
        .isEqualTo("widget.crud.example.com/second\n");
  }

  @Test
  void serverSideApplyOfACustomResourceConflictsBetweenManagersUntilForced() throws Exception {
    define("ssa.example.com", "widgets", "Widget", "ws", "ssa");
    String first =
        kubectl
            .file("ssa-a.yaml", Crds.widget("ssa.example.com", "Widget", "shared", "color: red"))
            .toString();
    kubectl.ok("apply", "--server-side", "--field-manager=alice", "-f", first);
    String second =
        kubectl
            .file("ssa-b.yaml", Crds.widget("ssa.example.com", "Widget", "shared", "color: blue"))
            .toString();
    Kubectl.Result conflict =
        kubectl.run("apply", "--server-side", "--field-manager=bob", "-f", second);
    assertThat(conflict.exit()).isEqualTo(1);
    assertThat(conflict.err())
        .contains("Apply failed with 1 conflict")
        .contains("conflict with \"alice\"")
        .contains(".spec.color");
    kubectl.ok("apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-f", second);
    assertThat(
            json("get", "widgets.ssa.example.com", "shared", "-o", "json")
                .path("spec")
                .path("color")
                .asText())
        .isEqualTo("blue");
  }

  @Test
  void deletingTheDefinitionDeletesItsObjectsAndStopsServingThem() throws Exception {
    define("gone.example.com", "widgets", "Widget", "wg", "gone");
    create("gone.example.com", "Widget", "doomed", "color: red");
    create("gone.example.com", "Widget", "doomed-too", "color: blue");

    kubectl.ok("delete", "crd", "widgets.gone.example.com", "--timeout=20s");

    assertThat(kubectl.run("get", "crd", "widgets.gone.example.com").err()).contains("NotFound");
    assertThat(Api.get("/apis/gone.example.com/v1/namespaces/default/widgets").statusCode())
        .isEqualTo(404);
    define("gone.example.com", "widgets", "Widget", "wg", "gone");
    assertThat(kubectl.ok("get", "widgets.gone.example.com", "-o", "name")).isEmpty();
  }

  @Test
  void clusterScopedResourcesLiveOutsideNamespacesAndUnservedVersionsAreNotServed()
      throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "regions.yaml",
                """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: regions.cluster.example.com
                spec:
                  group: cluster.example.com
                  scope: Cluster
                  names: {plural: regions, kind: Region}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec: {type: object, properties: {zone: {type: string}}}
                  - name: v2alpha1
                    served: false
                    storage: false
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec: {type: object, properties: {zone: {type: string}}}
                """)
            .toString());
    kubectl.ok(
        "wait",
        "--for",
        "condition=established",
        "--timeout=10s",
        "crd/regions.cluster.example.com");
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "north.yaml",
                """
                apiVersion: cluster.example.com/v1
                kind: Region
                metadata: {name: north}
                spec: {zone: a}
                """)
            .toString());

    JsonNode north = json("get", "regions", "north", "-o", "json");
    assertThat(north.path("metadata").has("namespace")).isFalse();
    assertThat(kubectl.ok("api-resources", "--api-group=cluster.example.com"))
        .containsPattern("(?m)^regions\\s+cluster.example.com/v1\\s+false\\s+Region$");
    assertThat(Api.get("/apis/cluster.example.com/v1/regions/north").statusCode()).isEqualTo(200);
    assertThat(
            Api.get("/apis/cluster.example.com/v1/namespaces/default/regions/north").statusCode())
        .isEqualTo(404);
    assertThat(Api.get("/apis/cluster.example.com/v2alpha1/regions").statusCode()).isEqualTo(404);
  }
}

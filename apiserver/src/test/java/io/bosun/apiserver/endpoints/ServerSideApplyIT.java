package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Server-side apply and managedFields over HTTP, with Kubernetes' codes and messages. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ServerSideApplyIT {
  static final String APPLY = "application/apply-patch+yaml";
  static final String CM = "/api/v1/namespaces/default/configmaps/";
  static final String DEPLOY = "/apis/apps/v1/namespaces/default/deployments/";

  private static String configMap(String name, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data;
  }

  private static String deployment(String name, String containers) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
        %s"""
        .formatted(name, name, name, containers.indent(6));
  }

  private static JsonNode entry(JsonNode object, String manager) {
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager)) {
        return entry;
      }
    }
    throw new AssertionError("no managedFields entry of " + manager + " in " + object);
  }

  @Test
  void applyNeedsAFieldManagerCreatesAndThenUpdates() {
    HttpResponse<String> anonymous =
        Api.patch(CM + "ssa-create", APPLY, configMap("ssa-create", "  a: '1'\n"));
    assertThat(anonymous.statusCode()).isEqualTo(422);
    assertThat(json(anonymous).path("message").asText())
        .isEqualTo(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                + " for apply patch");

    HttpResponse<String> created =
        Api.patch(
            CM + "ssa-create?fieldManager=alice", APPLY, configMap("ssa-create", "  a: '1'\n"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode alice = entry(json(created), "alice");
    assertThat(alice.path("operation").asText()).isEqualTo("Apply");
    assertThat(alice.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(alice.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(alice.path("fieldsV1").toString()).isEqualTo("{\"f:data\":{\"f:a\":{}}}");

    // A JSON body is YAML too.
    HttpResponse<String> updated =
        Api.patch(
            CM + "ssa-create?fieldManager=alice",
            APPLY,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa-create\"},"
                + "\"data\":{\"a\":\"2\"}}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).path("data").path("a").asText()).isEqualTo("2");

    HttpResponse<String> forcedMerge =
        Api.patch(CM + "ssa-create?force=true", "application/merge-patch+json", "{}");
    assertThat(forcedMerge.statusCode()).isEqualTo(422);
    assertThat(json(forcedMerge).path("message").asText())
        .isEqualTo(
            "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for"
                + " non-apply patch");
  }

  @Test
  void anApplyOrUpdateThatChangesNothingKeepsTheResourceVersion() {
    String config = deployment("ssa-same", "- {name: web, image: nginx}");
    String path = DEPLOY + "ssa-same?fieldManager=ctl";
    String first =
        json(Api.patch(path, APPLY, config)).path("metadata").path("resourceVersion").asText();
    HttpResponse<String> again = Api.patch(path, APPLY, config);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("metadata").path("resourceVersion").asText()).isEqualTo(first);

    JsonNode current = json(Api.get(DEPLOY + "ssa-same"));
    HttpResponse<String> put = Api.put(DEPLOY + "ssa-same", current.toString());
    assertThat(json(put).path("metadata").path("resourceVersion").asText()).isEqualTo(first);
    assertThat(json(put).path("metadata").path("generation").asInt()).isEqualTo(1);
  }

  @Test
  void aConflictIsA409NamingManagerAndFieldAndForceTakesTheField() {
    Api.patch(
        CM + "ssa-conflict?fieldManager=alice", APPLY, configMap("ssa-conflict", "  a: '1'\n"));

    HttpResponse<String> conflict =
        Api.patch(
            CM + "ssa-conflict?fieldManager=bob", APPLY, configMap("ssa-conflict", "  a: '2'\n"));

    assertThat(conflict.statusCode()).isEqualTo(409);
    JsonNode status = json(conflict);
    assertThat(status.path("reason").asText()).isEqualTo("Conflict");
    assertThat(status.path("message").asText())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .data.a");
    JsonNode cause = status.path("details").path("causes").get(0);
    assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
    assertThat(cause.path("message").asText()).isEqualTo("conflict with \"alice\"");
    assertThat(cause.path("field").asText()).isEqualTo(".data.a");

    HttpResponse<String> forced =
        Api.patch(
            CM + "ssa-conflict?fieldManager=bob&force=true",
            APPLY,
            configMap("ssa-conflict", "  a: '2'\n"));
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    JsonNode object = json(forced);
    assertThat(object.path("data").path("a").asText()).isEqualTo("2");
    assertThat(object.path("metadata").path("managedFields")).hasSize(1);
    assertThat(entry(object, "bob").path("fieldsV1").toString())
        .isEqualTo("{\"f:data\":{\"f:a\":{}}}");
  }

  @Test
  void everyWriteIsRecordedUnderItsFieldManagerOrUserAgent() {
    HttpResponse<String> created =
        Api.post(
            "/api/v1/namespaces/default/configmaps?fieldManager=creator",
            "{\"metadata\":{\"name\":\"ssa-updates\"},\"data\":{\"a\":\"1\"}}");
    JsonNode creator = entry(json(created), "creator");
    assertThat(creator.path("operation").asText()).isEqualTo("Update");
    assertThat(creator.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(creator.path("fieldsV1").toString()).isEqualTo("{\"f:data\":{\".\":{},\"f:a\":{}}}");

    HttpResponse<String> updated =
        Api.send(
            Api.request(CM + "ssa-updates")
                .header("Content-Type", "application/json")
                .header("User-Agent", "my-tool/1.2 (linux/amd64)")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"metadata\":{\"name\":\"ssa-updates\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}"))
                .build());

    JsonNode object = json(updated);
    assertThat(entry(object, "my-tool").path("fieldsV1").toString())
        .isEqualTo("{\"f:data\":{\"f:b\":{}}}");
    assertThat(entry(object, "creator").path("fieldsV1").toString())
        .isEqualTo("{\"f:data\":{\".\":{},\"f:a\":{}}}");

    HttpResponse<String> tooLong =
        Api.post("/api/v1/namespaces/default/configmaps?fieldManager=" + "m".repeat(129), "{}");
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(json(tooLong).path("message").asText())
        .startsWith("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long");
  }

  @Test
  void applyCreatesClusterScopedObjects() {
    HttpResponse<String> created =
        Api.patch(
            "/api/v1/namespaces/ssa-applied?fieldManager=kit",
            APPLY,
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ssa-applied\n  labels: {team: a}\n");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode namespace = json(Api.get("/api/v1/namespaces/ssa-applied"));
    assertThat(namespace.path("metadata").path("labels").path("team").asText()).isEqualTo("a");
    assertThat(entry(namespace, "kit").path("fieldsV1").toString())
        .isEqualTo("{\"f:metadata\":{\"f:labels\":{\"f:team\":{}}}}");
  }

  @Test
  void dryRunApplyAnswersWithoutStoring() {
    HttpResponse<String> dryRun =
        Api.patch(
            CM + "ssa-dry?fieldManager=alice&dryRun=All",
            APPLY,
            configMap("ssa-dry", "  a: '1'\n"));

    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(201);
    assertThat(json(dryRun).path("data").path("a").asText()).isEqualTo("1");
    assertThat(Api.get(CM + "ssa-dry").statusCode()).isEqualTo(404);
  }

  @Test
  void resourceVersionAndUidInAConfigurationAreChecked() {
    String existing = configMap("ssa-rv", "  a: '1'\n");
    Api.patch(CM + "ssa-rv?fieldManager=alice", APPLY, existing);
    HttpResponse<String> stale =
        Api.patch(
            CM + "ssa-rv?fieldManager=alice",
            APPLY,
            existing.replace("name: ssa-rv", "name: ssa-rv\n  resourceVersion: \"1\""));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).path("message").asText()).contains("the object has been modified");

    HttpResponse<String> uid =
        Api.patch(
            CM + "ssa-uid?fieldManager=alice",
            APPLY,
            configMap("ssa-uid", "  a: '1'\n")
                .replace("name: ssa-uid", "name: ssa-uid\n  uid: u-1"));
    assertThat(uid.statusCode()).isEqualTo(409);
    assertThat(json(uid).path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on configmaps \"ssa-uid\": uid mismatch: the provided"
                + " object specified uid u-1, and no existing object was found");

    // As on Kubernetes, a resourceVersion does not stop an apply from creating.
    HttpResponse<String> created =
        Api.patch(
            CM + "ssa-rv-new?fieldManager=alice",
            APPLY,
            configMap("ssa-rv-new", "  a: '1'\n")
                .replace("name: ssa-rv-new", "name: ssa-rv-new\n  resourceVersion: \"7\""));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> wrongKind =
        Api.patch(
            CM + "ssa-kind?fieldManager=alice",
            APPLY,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: ssa-kind}\n");
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(json(wrongKind).path("message").asText())
        .isEqualTo("invalid object type: /v1, Kind=Secret");
  }

  @Test
  void listItemsDroppedFromTheConfigurationAreRemoved() {
    String two = "- {name: web, image: nginx}\n- {name: side, image: busybox}\n";
    HttpResponse<String> created =
        Api.patch(DEPLOY + "ssa-items?fieldManager=alice", APPLY, deployment("ssa-items", two));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> reapplied =
        Api.patch(
            DEPLOY + "ssa-items?fieldManager=alice",
            APPLY,
            deployment("ssa-items", "- {name: web, image: nginx}\n"));

    assertThat(reapplied.statusCode()).as(reapplied.body()).isEqualTo(200);
    JsonNode containers =
        json(reapplied).path("spec").path("template").path("spec").path("containers");
    assertThat(containers).hasSize(1);
    assertThat(containers.get(0).path("name").asText()).isEqualTo("web");
    assertThat(entry(json(reapplied), "alice").path("fieldsV1").toString())
        .contains("\"k:{\\\"name\\\":\\\"web\\\"}\"")
        .doesNotContain("side");
  }

  @Test
  void aConfigurationWhoseListItemsCannotBeNamedFailsAsOnKubernetes() {
    HttpResponse<String> response =
        Api.patch(
            DEPLOY + "ssa-unnamed?fieldManager=alice",
            APPLY,
            deployment("ssa-unnamed", "- {image: nginx}\n"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).path("message").asText())
        .isEqualTo(
            "failed to create typed patch object (/ssa-unnamed; apps/v1, Kind=Deployment):"
                + " .spec.template.spec.containers: element 0: associative list with keys has an"
                + " element that omits key field \"name\" (and doesn't have default value)");
  }

  @Test
  void statusAppliesAreRecordedWithTheirSubresource() {
    Api.patch(
        DEPLOY + "ssa-status?fieldManager=alice",
        APPLY,
        deployment("ssa-status", "- {name: web, image: nginx}\n"));

    HttpResponse<String> status =
        Api.patch(
            DEPLOY + "ssa-status/status?fieldManager=controller",
            APPLY,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa-status}\n"
                + "status: {replicas: 3, conditions: [{type: Available, status: 'True'}]}\n");

    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    JsonNode controller = entry(json(status), "controller");
    assertThat(controller.path("subresource").asText()).isEqualTo("status");
    assertThat(controller.path("fieldsV1").path("f:status").has("f:replicas")).isTrue();
    assertThat(controller.path("fieldsV1").path("f:status").path("f:conditions").fieldNames())
        .toIterable()
        .contains("k:{\"type\":\"Available\"}");
    assertThat(entry(json(status), "alice").path("fieldsV1").has("f:status")).isFalse();
  }

  @Test
  void scaleWritesOwnTheReplicasUnderTheScaleSubresource() {
    Api.patch(
        DEPLOY + "ssa-scale?fieldManager=alice",
        APPLY,
        deployment("ssa-scale", "- {name: web, image: nginx}\n"));

    HttpResponse<String> scaled =
        Api.patch(
            DEPLOY + "ssa-scale/scale?fieldManager=scaler",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":3}}");
    assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
    JsonNode scaler = entry(json(Api.get(DEPLOY + "ssa-scale")), "scaler");
    assertThat(scaler.path("subresource").asText()).isEqualTo("scale");
    assertThat(scaler.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(scaler.path("fieldsV1").toString()).isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");

    String scale = "apiVersion: autoscaling/v1\nkind: Scale\nmetadata: {name: ssa-scale}\n";
    HttpResponse<String> conflict =
        Api.patch(
            DEPLOY + "ssa-scale/scale?fieldManager=hpa", APPLY, scale + "spec: {replicas: 4}\n");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(json(conflict).path("message").asText())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"scaler\" with subresource \"scale\""
                + " using apps/v1: .spec.replicas");

    HttpResponse<String> forced =
        Api.patch(
            DEPLOY + "ssa-scale/scale?fieldManager=hpa&force=true",
            APPLY,
            scale + "spec: {replicas: 4}\n");
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(json(forced).path("kind").asText()).isEqualTo("Scale");
    assertThat(json(forced).path("spec").path("replicas").asInt()).isEqualTo(4);
  }
}

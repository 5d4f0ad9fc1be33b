package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Finalizers, grace periods, propagation policies and namespace deletion, over real HTTP. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeletionIT {
  static final String CM = "/api/v1/namespaces/default/configmaps";
  static final String PODS = "/api/v1/namespaces/default/pods";
  static final String MERGE = "application/merge-patch+json";

  @Test
  void aFinalizerHoldsTheObjectUntilTheLastOneIsRemoved() {
    Api.post(CM, "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/a\"]}}");

    HttpResponse<String> deleted = Api.delete(CM + "/held");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    JsonNode marked = json(deleted);
    assertThat(marked.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt()).isZero();
    assertThat(Api.get(CM + "/held").statusCode()).isEqualTo(200);

    HttpResponse<String> again = Api.delete(CM + "/held");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("metadata").path("resourceVersion"))
        .isEqualTo(marked.path("metadata").path("resourceVersion"));

    HttpResponse<String> added =
        Api.patch(
            CM + "/held", MERGE, "{\"metadata\":{\"finalizers\":[\"example.com/a\",\"b.io/x\"]}}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(422);
    assertThat(json(added).path("message").asText())
        .isEqualTo(
            "ConfigMap \"held\" is invalid: metadata.finalizers: Forbidden: no new finalizers can"
                + " be added if the object is being deleted, found new finalizers"
                + " []string{\"b.io/x\"}");

    HttpResponse<String> released =
        Api.patch(CM + "/held", MERGE, "{\"metadata\":{\"finalizers\":null}}");
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    assertThat(Api.get(CM + "/held").statusCode()).isEqualTo(404);
  }

  @Test
  void anImmediateDeleteAnswersWithAStatusExceptForPods() {
    Api.post(CM, "{\"metadata\":{\"name\":\"plain\"}}");
    JsonNode status = json(Api.delete(CM + "/plain"));
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Success");
    assertThat(status.path("details").path("name").asText()).isEqualTo("plain");
    assertThat(status.path("details").path("kind").asText()).isEqualTo("configmaps");

    Api.post(PODS, pod("unscheduled", ""));
    HttpResponse<String> pod = Api.delete(PODS + "/unscheduled");
    assertThat(json(pod).path("kind").asText()).isEqualTo("Pod");
    assertThat(Api.get(PODS + "/unscheduled").statusCode()).isEqualTo(404);
  }

  @Test
  void aScheduledPodWaitsForItsGracePeriodUnlessAShorterOneIsAsked() {
    Api.post(PODS, pod("running", "node-1"));
    Instant before = Instant.now();
    JsonNode marked = json(Api.delete(PODS + "/running"));
    assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
    Instant deadline = Instant.parse(marked.path("metadata").path("deletionTimestamp").asText());
    assertThat(deadline).isBetween(before.plusSeconds(28), before.plusSeconds(32));
    assertThat(Api.get(PODS + "/running").statusCode()).isEqualTo(200);

    JsonNode shorter = json(Api.delete(PODS + "/running", "{\"gracePeriodSeconds\":5}"));
    assertThat(shorter.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(5);
    JsonNode longer = json(Api.delete(PODS + "/running", "{\"gracePeriodSeconds\":60}"));
    assertThat(longer.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(5);

    HttpResponse<String> now = Api.delete(PODS + "/running?gracePeriodSeconds=0");
    assertThat(now.statusCode()).isEqualTo(200);
    assertThat(Api.get(PODS + "/running").statusCode()).isEqualTo(404);
  }

  @Test
  void propagationPoliciesLeaveTheGarbageCollectorsFinalizers() {
    Api.post(CM, "{\"metadata\":{\"name\":\"fg\"}}");
    JsonNode foreground = json(Api.delete(CM + "/fg", "{\"propagationPolicy\":\"Foreground\"}"));
    assertThat(foreground.path("metadata").path("finalizers").toString())
        .isEqualTo("[\"foregroundDeletion\"]");

    JsonNode orphan = json(Api.delete(CM + "/fg", "{\"propagationPolicy\":\"Orphan\"}"));
    assertThat(orphan.path("metadata").path("finalizers").toString()).isEqualTo("[\"orphan\"]");

    Api.post(CM, "{\"metadata\":{\"name\":\"bg\"}}");
    Api.delete(CM + "/bg", "{\"propagationPolicy\":\"Background\"}");
    assertThat(Api.get(CM + "/bg").statusCode()).isEqualTo(404);

    HttpResponse<String> unknown = Api.delete(CM + "/fg", "{\"propagationPolicy\":\"Later\"}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(json(unknown).path("message").asText())
        .contains(
            "propagationPolicy: Unsupported value: \"Later\": supported values: \"Foreground\","
                + " \"Background\", \"Orphan\"");
    HttpResponse<String> both =
        Api.delete(CM + "/fg", "{\"propagationPolicy\":\"Orphan\",\"orphanDependents\":true}");
    assertThat(both.statusCode()).isEqualTo(422);
  }

  @Test
  void aPreconditionThatFailsLeavesTheObjectAlone() {
    JsonNode created = json(Api.post(CM, "{\"metadata\":{\"name\":\"guarded\"}}"));
    HttpResponse<String> stale =
        Api.delete(CM + "/guarded", "{\"preconditions\":{\"uid\":\"not-the-uid\"}}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(Api.get(CM + "/guarded").statusCode()).isEqualTo(200);
    String uid = created.path("metadata").path("uid").asText();
    HttpResponse<String> ok =
        Api.delete(CM + "/guarded", "{\"preconditions\":{\"uid\":\"" + uid + "\"}}");
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void aDeletedNamespaceTerminatesEmptiesAndGoes() {
    String ns = "/api/v1/namespaces/ending";
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ending\"}}");
    Api.post(ns + "/configmaps", "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"x.io/y\"]}}");
    Api.post(ns + "/secrets", "{\"metadata\":{\"name\":\"plain\"}}");

    JsonNode terminating = json(Api.delete(ns));
    assertThat(terminating.path("status").path("phase").asText()).isEqualTo("Terminating");
    assertThat(terminating.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();

    HttpResponse<String> refused = Api.post(ns + "/configmaps", "{\"metadata\":{\"name\":\"n\"}}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("message").asText())
        .isEqualTo(
            "configmaps \"n\" is forbidden: unable to create new content in namespace ending"
                + " because it is being terminated");

    Api.awaitGone(ns + "/secrets/plain", 10);
    // The finalizer on the ConfigMap holds the namespace until someone releases it.
    assertThat(Api.get(ns).statusCode()).isEqualTo(200);
    Api.patch(ns + "/configmaps/held", MERGE, "{\"metadata\":{\"finalizers\":null}}");
    Api.awaitGone(ns, (int) Duration.ofSeconds(20).toSeconds());
  }

  @Test
  void theSystemNamespacesCannotBeDeleted() {
    HttpResponse<String> refused = Api.delete("/api/v1/namespaces/kube-system");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("message").asText())
        .isEqualTo("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
  }

  @Test
  void finalizeChangesOnlyTheNamespacesFinalizers() {
    String ns = "/api/v1/namespaces/finalized";
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"finalized\"}}");
    HttpResponse<String> put =
        Api.put(
            ns + "/finalize",
            "{\"metadata\":{\"name\":\"finalized\",\"labels\":{\"ignored\":\"yes\"}},"
                + "\"spec\":{\"finalizers\":[]}}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode after = json(Api.get(ns));
    assertThat(after.path("spec").path("finalizers").isEmpty()).isTrue();
    assertThat(after.path("metadata").path("labels").has("ignored")).isFalse();
    // With no finalizer left a delete goes through at once.
    Api.delete(ns);
    assertThat(Api.get(ns).statusCode()).isEqualTo(404);
  }

  private static String pod(String name, String node) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{"
        + (node.isEmpty() ? "" : "\"nodeName\":\"" + node + "\",")
        + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  }
}

package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** pods/binding (the scheduler's write) and pods/eviction (kubectl drain's), over real HTTP. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PodSubresourcesIT {
  static final String PODS = "/api/v1/namespaces/default/pods";
  static final String PDBS = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";

  @Test
  void aBindingAssignsAPendingPodOnce() {
    Api.post(PODS, pod("to-bind", "app=bound"));
    HttpResponse<String> bound = Api.post(PODS + "/to-bind/binding", binding("to-bind", "node-1"));
    assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
    assertThat(json(bound).path("status").asText()).isEqualTo("Success");

    JsonNode pod = json(Api.get(PODS + "/to-bind"));
    assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("node-1");
    JsonNode scheduled = pod.path("status").path("conditions").get(0);
    assertThat(scheduled.path("type").asText()).isEqualTo("PodScheduled");
    assertThat(scheduled.path("status").asText()).isEqualTo("True");

    HttpResponse<String> again = Api.post(PODS + "/to-bind/binding", binding("to-bind", "node-2"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on pods/binding \"to-bind\": pod to-bind is already"
                + " assigned to node \"node-1\"");
  }

  @Test
  void aBindingWithoutContentTypeIsReadAsJson() {
    // kubectl create --raw -f binding.json sends no Content-Type, as kube-apiserver accepts.
    Api.post(PODS, pod("raw-bound", "app=raw"));
    HttpResponse<String> bound =
        Api.send(
            Api.request(PODS + "/raw-bound/binding")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        binding("raw-bound", "node-1")))
                .build());
    assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
    assertThat(json(Api.get(PODS + "/raw-bound")).path("spec").path("nodeName").asText())
        .isEqualTo("node-1");
  }

  @Test
  void aMalformedBindingIsRefused() {
    Api.post(PODS, pod("unbound", "app=x"));
    HttpResponse<String> noTarget =
        Api.post(PODS + "/unbound/binding", "{\"metadata\":{\"name\":\"unbound\"},\"target\":{}}");
    assertThat(noTarget.statusCode()).isEqualTo(422);
    assertThat(json(noTarget).path("message").asText())
        .isEqualTo("Binding \"unbound\" is invalid: target.name: Required value");
    HttpResponse<String> otherName =
        Api.post(PODS + "/unbound/binding", binding("someone-else", "node-1"));
    assertThat(otherName.statusCode()).isEqualTo(400);
    assertThat(Api.post(PODS + "/missing/binding", binding("missing", "n")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anEvictionSpendsTheBudgetAndIsRefusedWhenNoneIsLeft() {
    for (String name : new String[] {"web-1", "web-2"}) {
      Api.post(PODS, pod(name, "app=web"));
      Api.post(PODS + "/" + name + "/binding", binding(name, "node-1"));
      Api.patch(
          PODS + "/" + name + "/status",
          "application/merge-patch+json",
          "{\"status\":{\"phase\":\"Running\"}}");
    }
    Api.post(
        PDBS,
        "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":1,"
            + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");

    // The disruption controller has not looked at the budget yet: nothing may be evicted.
    HttpResponse<String> unprocessed = Api.post(PODS + "/web-1/eviction", eviction("web-1"));
    assertThat(unprocessed.statusCode()).isEqualTo(429);
    assertThat(json(unprocessed).path("message").asText())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");

    Api.patch(
        PDBS + "/web/status",
        "application/merge-patch+json",
        "{\"status\":{\"observedGeneration\":1,\"disruptionsAllowed\":1,"
            + "\"currentHealthy\":2,\"desiredHealthy\":1,\"expectedPods\":2}}");
    HttpResponse<String> evicted = Api.post(PODS + "/web-1/eviction", eviction("web-1"));
    assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(201);
    JsonNode terminating = json(Api.get(PODS + "/web-1"));
    assertThat(terminating.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    JsonNode budget = json(Api.get(PDBS + "/web"));
    assertThat(budget.path("status").path("disruptionsAllowed").asInt()).isZero();
    assertThat(budget.path("status").path("disruptedPods").has("web-1")).isTrue();

    assertThat(Api.post(PODS + "/web-2/eviction", eviction("web-2")).statusCode()).isEqualTo(429);
    assertThat(json(Api.get(PODS + "/web-2")).path("metadata").has("deletionTimestamp")).isFalse();
  }

  @Test
  void aPendingPodIsEvictedWithoutABudget() {
    Api.post(PODS, pod("pending", "app=any"));
    HttpResponse<String> evicted = Api.post(PODS + "/pending/eviction", eviction("pending"));
    assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(201);
    assertThat(Api.get(PODS + "/pending").statusCode()).isEqualTo(404);
  }

  @Test
  void discoveryListsTheSubresourcesWithTheirKinds() {
    JsonNode resources = json(Api.get("/api/v1")).path("resources");
    JsonNode binding = null;
    JsonNode eviction = null;
    for (JsonNode r : resources) {
      if (r.path("name").asText().equals("pods/binding")) {
        binding = r;
      } else if (r.path("name").asText().equals("pods/eviction")) {
        eviction = r;
      }
    }
    assertThat(binding).isNotNull();
    assertThat(binding.path("kind").asText()).isEqualTo("Binding");
    assertThat(binding.path("verbs").toString()).isEqualTo("[\"create\"]");
    assertThat(eviction).isNotNull();
    assertThat(eviction.path("group").asText()).isEqualTo("policy");
    assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");
  }

  private static String pod(String name, String label) {
    String[] kv = label.split("=");
    return "{\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":{\""
        + kv[0]
        + "\":\""
        + kv[1]
        + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  }

  private static String binding(String name, String node) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\""
        + node
        + "\"}}";
  }

  private static String eviction(String name) {
    return "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
        + name
        + "\"}}";
  }
}

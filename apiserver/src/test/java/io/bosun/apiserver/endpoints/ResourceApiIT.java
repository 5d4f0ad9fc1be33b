package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ResourceApiIT {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CM = "/api/v1/namespaces/default/configmaps";

  static JsonNode json(HttpResponse<String> response) {
    return parse(response.body());
  }

  static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  @Test
  void createsGetsUpdatesAndDeletesAConfigMap() {
    HttpResponse<String> created =
        Api.post(CM, "{\"metadata\":{\"name\":\"crud\"},\"data\":{\"a\":\"1\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode object = json(created);
    assertThat(object.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(object.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("default");
    assertThat(object.path("metadata").path("uid").asText()).hasSize(36);
    assertThat(object.path("metadata").path("creationTimestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    String rv = object.path("metadata").path("resourceVersion").asText();

    JsonNode got = json(Api.get(CM + "/crud"));
    assertThat(got).isEqualTo(object);

    HttpResponse<String> updated =
        Api.put(
            CM + "/crud",
            "{\"metadata\":{\"name\":\"crud\",\"resourceVersion\":\""
                + rv
                + "\"},\"data\":{\"a\":\"2\"}}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    JsonNode after = json(updated);
    assertThat(after.path("data").path("a").asText()).isEqualTo("2");
    assertThat(after.path("metadata").path("uid")).isEqualTo(object.path("metadata").path("uid"));
    assertThat(Long.parseLong(after.path("metadata").path("resourceVersion").asText()))
        .isGreaterThan(Long.parseLong(rv));

    HttpResponse<String> deleted = Api.delete(CM + "/crud");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(json(deleted).path("details").path("name").asText()).isEqualTo("crud");
    HttpResponse<String> missing = Api.get(CM + "/crud");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("message").asText()).isEqualTo("configmaps \"crud\" not found");
  }

  @Test
  void generatesNamesFromGenerateName() {
    HttpResponse<String> created = Api.post(CM, "{\"metadata\":{\"generateName\":\"gen-\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).path("metadata").path("name").asText())
        .matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void listsWithLabelSelectorsAndPages() {
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"listing\"}}");
    String path = "/api/v1/namespaces/listing/configmaps";
    for (int i = 0; i < 5; i++) {
      String tier = i % 2 == 0 ? "web" : "db";
      assertThat(
              Api.post(
                      path,
                      "{\"metadata\":{\"name\":\"cm-"
                          + i
                          + "\",\"labels\":{\"tier\":\""
                          + tier
                          + "\"}}}")
                  .statusCode())
          .isEqualTo(201);
    }
    JsonNode web = json(Api.get(path + "?labelSelector=tier%3Dweb"));
    assertThat(web.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(web.path("items")).hasSize(3);

    JsonNode first = json(Api.get(path + "?limit=2"));
    assertThat(first.path("items")).hasSize(2);
    String token = first.path("metadata").path("continue").asText();
    assertThat(token).isNotEmpty();
    JsonNode second = json(Api.get(path + "?limit=2&continue=" + token));
    assertThat(second.path("items").get(0).path("metadata").path("name").asText())
        .isEqualTo("cm-2");
    JsonNode byName = json(Api.get("/api/v1/configmaps?fieldSelector=metadata.name%3Dcm-4"));
    assertThat(byName.path("items")).hasSize(1);
  }

  /** Over 1,024 objects and ~1 MB: read through a cursor, written in several chunks. */
  @Test
  void listsMoreObjectsThanOneStatementAndOneChunkHoldWhole() {
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"long-list\"}}");
    String path = "/api/v1/namespaces/long-list/configmaps";
    String filler = "x".repeat(800);
    for (int i = 0; i < 1_100; i++) {
      String body =
          String.format("{\"metadata\":{\"name\":\"cm-%04d\"},\"data\":{\"f\":\"%s\"}}", i, filler);
      assertThat(Api.post(path, body).statusCode()).isEqualTo(201);
    }

    HttpResponse<String> response = Api.get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().length()).isGreaterThan(1_000_000);
    JsonNode list = json(response);
    assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(list.path("items")).hasSize(1_100);
    for (int i = 0; i < 1_100; i++) {
      JsonNode item = list.path("items").get(i);
      assertThat(item.path("metadata").path("name").asText())
          .isEqualTo(String.format("cm-%04d", i));
      assertThat(item.path("apiVersion").asText()).isEqualTo("v1");
      assertThat(item.path("data").path("f").asText()).isEqualTo(filler);
    }
  }

  @Test
  void refusesRequestsWithoutAValidToken() {
    HttpResponse<String> none =
        Api.send(HttpRequest.newBuilder(java.net.URI.create(Api.base() + CM)).GET().build());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).path("reason").asText()).isEqualTo("Unauthorized");
    HttpResponse<String> wrong =
        Api.send(
            HttpRequest.newBuilder(java.net.URI.create(Api.base() + CM))
                .header("Authorization", "Bearer nope")
                .GET()
                .build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> version =
        Api.send(
            HttpRequest.newBuilder(java.net.URI.create(Api.base() + "/version?timeout=32s"))
                .GET()
                .build());
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(json(version).path("minor").asText()).isEqualTo("32");
  }

  @Test
  void answersUnknownResourcesWithNotFound() {
    HttpResponse<String> response = Api.get("/api/v1/namespaces/default/widgets");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("message").asText())
        .isEqualTo("the server could not find the requested resource");
    assertThat(Api.get("/nowhere").statusCode()).isEqualTo(404);
    HttpResponse<String> noNamespace =
        Api.post("/api/v1/namespaces/ghost/configmaps", "{\"metadata\":{\"name\":\"x\"}}");
    assertThat(noNamespace.statusCode()).isEqualTo(404);
    assertThat(json(noNamespace).path("message").asText())
        .isEqualTo("namespaces \"ghost\" not found");
  }

  @Test
  void storesSecretsWithStringDataMergedAndOpaqueType() {
    HttpResponse<String> created =
        Api.post(
            "/api/v1/namespaces/default/secrets",
            "{\"metadata\":{\"name\":\"s1\"},\"data\":{\"a\":\"MQ==\"},\"stringData\":{\"b\":\"2\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode secret = json(created);
    assertThat(secret.path("type").asText()).isEqualTo("Opaque");
    assertThat(secret.path("data").path("b").asText()).isEqualTo("Mg==");
    assertThat(secret.has("stringData")).isFalse();
    HttpResponse<String> bad =
        Api.post(
            "/api/v1/namespaces/default/secrets",
            "{\"metadata\":{\"name\":\"s2\"},\"data\":{\"a\":\"not base64!\"}}");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void servesDiscovery() {
    JsonNode v1 = json(Api.get("/api/v1?timeout=32s"));
    assertThat(v1.path("resources").findValuesAsText("name"))
        .contains("namespaces", "configmaps", "secrets");
    HttpResponse<String> aggregated =
        Api.send(
            Api.request("/api")
                .header(
                    "Accept",
                    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
                .GET()
                .build());
    assertThat(aggregated.headers().firstValue("Content-Type").orElse(""))
        .contains("as=APIGroupDiscoveryList");
    assertThat(
            json(aggregated)
                .path("items")
                .get(0)
                .path("versions")
                .get(0)
                .path("resources")
                .findValuesAsText("resource"))
        .contains("namespaces", "configmaps", "secrets", "pods", "services");
  }

  @Test
  void deleteCollectionDeletesWhatTheSelectorSelects() {
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"sweep\"}}");
    String path = "/api/v1/namespaces/sweep/configmaps";
    for (String name : new String[] {"a", "b", "c"}) {
      String app = name.equals("c") ? "keep" : "gone";
      Api.post(
          path, "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}}}");
    }

    HttpResponse<String> dry = Api.delete(path + "?labelSelector=app%3Dgone&dryRun=All");
    assertThat(json(dry).path("items")).hasSize(2);
    assertThat(json(Api.get(path)).path("items")).hasSize(3);

    HttpResponse<String> deleted = Api.delete(path + "?labelSelector=app%3Dgone");

    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted).path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(json(deleted).path("items").findValuesAsText("name")).containsExactly("a", "b");
    assertThat(json(Api.get(path)).path("items").findValuesAsText("name")).containsExactly("c");
  }
}

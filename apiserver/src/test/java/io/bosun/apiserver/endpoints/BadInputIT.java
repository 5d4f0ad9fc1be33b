package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each bad request gets its Status, and the stored object stays as it was. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BadInputIT {
  static final String CM = "/api/v1/namespaces/default/configmaps";
  String stored;

  @BeforeEach
  void storeOne() {
    Api.delete(CM + "/keep");
    HttpResponse<String> created =
        Api.post(CM, "{\"metadata\":{\"name\":\"keep\"},\"data\":{\"k\":\"v\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    stored = created.body();
  }

  void assertUnchanged() {
    assertThat(json(Api.get(CM + "/keep"))).isEqualTo(ResourceApiIT.parse(stored));
  }

  @Test
  void malformedJsonIsABadRequest() {
    HttpResponse<String> response = Api.put(CM + "/keep", "{\"metadata\": {");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("reason").asText()).isEqualTo("BadRequest");
    assertThat(json(response).path("message").asText()).contains("json parse error");
    assertUnchanged();
  }

  @Test
  void missingNameIsInvalid() {
    HttpResponse<String> response = Api.post(CM, "{\"data\":{\"a\":\"b\"}}");
    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode status = json(response);
    assertThat(status.path("message").asText())
        .isEqualTo(
            "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is"
                + " required");
    assertThat(status.path("details").path("causes").get(0).path("field").asText())
        .isEqualTo("metadata.name");
    assertUnchanged();
  }

  @Test
  void badNameIsInvalidWithKubernetesMessage() {
    HttpResponse<String> response = Api.post(CM, "{\"metadata\":{\"name\":\"Bad_Name\"}}");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("message").asText())
        .isEqualTo(
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character"
                + " (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThat(Api.get(CM + "/Bad_Name").statusCode()).isEqualTo(404);
    assertUnchanged();
  }

  @Test
  void badLabelIsInvalid() {
    HttpResponse<String> response =
        Api.put(CM + "/keep", "{\"metadata\":{\"name\":\"keep\",\"labels\":{\"a b\":\"c\"}}}");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("details").path("causes").get(0).path("field").asText())
        .isEqualTo("metadata.labels");
    assertUnchanged();
  }

  @Test
  void bodyOverThreeMebibytesIsTooLarge() {
    String big = "x".repeat(3 * 1024 * 1024 + 10);
    HttpResponse<String> response =
        Api.put(
            CM + "/keep", "{\"metadata\":{\"name\":\"keep\"},\"data\":{\"k\":\"" + big + "\"}}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("reason").asText()).isEqualTo("RequestEntityTooLarge");
    assertUnchanged();
  }

  @Test
  void staleResourceVersionIsAConflict() {
    HttpResponse<String> response =
        Api.put(
            CM + "/keep",
            "{\"metadata\":{\"name\":\"keep\",\"resourceVersion\":\"1\"},\"data\":{\"k\":\"new\"}}");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on configmaps \"keep\": the object has been modified;"
                + " please apply your changes to the latest version and try again");
    assertUnchanged();
  }

  @Test
  void mismatchedNamespaceAndWrongKindAreBadRequests() {
    HttpResponse<String> namespace =
        Api.put(CM + "/keep", "{\"metadata\":{\"name\":\"keep\",\"namespace\":\"kube-system\"}}");
    assertThat(namespace.statusCode()).isEqualTo(400);
    assertThat(json(namespace).path("message").asText())
        .isEqualTo(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
    HttpResponse<String> kind =
        Api.put(CM + "/keep", "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"keep\"}}");
    assertThat(kind.statusCode()).isEqualTo(400);
    assertUnchanged();
  }

  @Test
  void wrongContentTypeIsUnsupported() {
    HttpResponse<String> response =
        Api.send(
            Api.request(CM + "/keep")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"keep\"}}"))
                .build());
    assertThat(response.statusCode()).isEqualTo(415);
    assertUnchanged();
  }

  @Test
  void unknownFieldsAreRefusedUnderStrictValidation() {
    HttpResponse<String> response =
        Api.post(CM + "?fieldValidation=Strict", "{\"metadata\":{\"name\":\"strict\"},\"dta\":{}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asText())
        .isEqualTo("strict decoding error: unknown field \"dta\"");
    assertThat(Api.get(CM + "/strict").statusCode()).isEqualTo(404);
  }
}

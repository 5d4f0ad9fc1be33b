package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PartialObjectMetadata and Table answers, negotiated through the Accept header. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OutputFormsIT {
  static final String CM = "/api/v1/namespaces/default/configmaps";
  static final String METADATA = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
  static final String METADATA_LIST =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
  static final String TABLE = "application/json;as=Table;g=meta.k8s.io;v=v1";

  static HttpResponse<String> get(String path, String accept) {
    return Api.send(Api.request(path).header("Accept", accept).GET().build());
  }

  static void createConfigMap(String name) {
    String body =
        "{\"metadata\":{\"name\":\""
            + name
            + "\",\"labels\":{\"form\":\"partial\"}},"
            + "\"data\":{\"secret\":\"value\"}}";
    assertThat(Api.post(CM, body).statusCode()).isEqualTo(201);
  }

  @Test
  void partialObjectMetadataCarriesTheMetadataAlone() {
    createConfigMap("partial-one");
    HttpResponse<String> response = get(CM + "/partial-one", METADATA);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode partial = json(response);
    assertThat(partial.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(partial.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(partial.at("/metadata/name").asText()).isEqualTo("partial-one");
    assertThat(partial.at("/metadata/labels/form").asText()).isEqualTo("partial");
    assertThat(partial.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(partial.has("data")).isFalse();
  }

  @Test
  void aListAnswersAsPartialObjectMetadataListWithPaging() {
    createConfigMap("partial-list-a");
    createConfigMap("partial-list-b");
    HttpResponse<String> response =
        get(CM + "?labelSelector=form%3Dpartial&limit=1", METADATA_LIST);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = json(response);
    assertThat(list.path("kind").asText()).isEqualTo("PartialObjectMetadataList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(list.at("/metadata/continue").asText()).isNotEmpty();
    assertThat(list.path("items")).hasSize(1);
    JsonNode item = list.path("items").get(0);
    assertThat(item.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(item.at("/metadata/labels/form").asText()).isEqualTo("partial");
    assertThat(item.has("data")).isFalse();
  }

  @Test
  void aFormForTheWrongShapeIsNotAcceptable() {
    createConfigMap("partial-shape");
    HttpResponse<String> single = get(CM + "/partial-shape", METADATA_LIST);
    assertThat(single.statusCode()).isEqualTo(406);
    assertThat(json(single).path("reason").asText()).isEqualTo("NotAcceptable");
    HttpResponse<String> list = get(CM, METADATA);
    assertThat(list.statusCode()).isEqualTo(406);
    assertThat(json(list).path("message").asText())
        .isEqualTo(
            "you requested PartialObjectMetadata, but the requested object is a list"
                + " (ConfigMapList)");
    // With a plain fallback the server answers in the first form it can produce, as kube does.
    assertThat(
            get(CM + "/partial-shape", "application/json;as=Foo;g=x;v=v1,application/json")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWatchSendsPartialObjectMetadataEvents() throws Exception {
    String rv = json(Api.get(CM)).at("/metadata/resourceVersion").asText();
    HttpResponse<InputStream> watch =
        Api.CLIENT.send(
            Api.request(CM + "?watch=true&timeoutSeconds=20&resourceVersion=" + rv)
                .header("Accept", METADATA_LIST)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    createConfigMap("partial-watched");
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = ResourceApiIT.parse(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
      assertThat(event.at("/object/metadata/name").asText()).isEqualTo("partial-watched");
      assertThat(event.at("/object/data").isMissingNode()).isTrue();
    }
  }

  @Test
  void tableRowsCarryWhatIncludeObjectAsksFor() {
    createConfigMap("table-row");
    String path = CM + "/table-row";
    JsonNode metadata = json(get(path, TABLE)).at("/rows/0/object");
    assertThat(metadata.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(metadata.has("data")).isFalse();
    JsonNode object = json(get(path + "?includeObject=Object", TABLE)).at("/rows/0/object");
    assertThat(object.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(object.at("/data/secret").asText()).isEqualTo("value");
    assertThat(json(get(path + "?includeObject=None", TABLE)).at("/rows/0").has("object"))
        .isFalse();
    HttpResponse<String> bad = get(path + "?includeObject=All", TABLE);
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void tableColumnsIncludeTheWideOnesAtPriorityOne() {
    JsonNode table = json(get("/api/v1/namespaces/default/pods", TABLE));
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    StringBuilder names = new StringBuilder();
    for (JsonNode column : table.path("columnDefinitions")) {
      names.append(column.path("name").asText()).append(':').append(column.path("priority"));
      names.append(' ');
    }
    assertThat(names.toString().trim())
        .isEqualTo(
            "Name:0 Ready:0 Status:0 Restarts:0 Age:0 IP:1 Node:1 Nominated Node:1"
                + " Readiness Gates:1");
  }
}

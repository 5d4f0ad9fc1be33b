package io.bosun.apiserver.endpoints;

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

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WatchIT {
  static final String CM = "/api/v1/namespaces/default/configmaps";

  @Test
  void streamsAnObjectCreatedAfterTheWatchStarted() throws Exception {
    String rv = ResourceApiIT.json(Api.get(CM)).path("metadata").path("resourceVersion").asText();
    HttpResponse<InputStream> watch =
        Api.CLIENT.send(
            Api.request(CM + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=20")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    assertThat(watch.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Api.post(CM, "{\"metadata\":{\"name\":\"watched\"}}").statusCode()).isEqualTo(201);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = ResourceApiIT.parse(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("watched");
    }
  }

  @Test
  void legacyWatchPathSendsCurrentStateFirst() throws Exception {
    Api.post(CM, "{\"metadata\":{\"name\":\"present\"}}");
    HttpResponse<InputStream> watch =
        Api.CLIENT.send(
            Api.request("/api/v1/watch/namespaces/default/configmaps/present?timeoutSeconds=5")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = ResourceApiIT.parse(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("present");
    }
  }
}

package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
  void aZeroTimeoutMeansTheDefaultNotAnImmediateEnd() throws Exception {
    String rv = ResourceApiIT.json(Api.get(CM)).path("metadata").path("resourceVersion").asText();
    HttpResponse<InputStream> watch =
        Api.CLIENT.send(
            Api.request(CM + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=0")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    // Past the one second a zero once became: the watch still delivers.
    Thread.sleep(1_500);
    assertThat(Api.post(CM, "{\"metadata\":{\"name\":\"late\"}}").statusCode()).isEqualTo(201);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = ResourceApiIT.parse(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("late");
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

  /**
   * One change reaches several watchers as different events: a plain watch sees MODIFIED, a
   * selecting watch sees the object move in as ADDED, a Table watch gets a row. Encodings are
   * shared between watchers of a change, so each must still get its own.
   */
  @Test
  void watchersOfOneChangeEachGetTheirOwnEventTypeAndForm() throws Exception {
    Api.post(CM, "{\"metadata\":{\"name\":\"shared\"}}");
    String rv = ResourceApiIT.json(Api.get(CM)).path("metadata").path("resourceVersion").asText();
    String from = "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=20";
    BufferedReader plain = open(CM + from + "&fieldSelector=metadata.name%3Dshared", null);
    BufferedReader selecting = open(CM + from + "&labelSelector=tier%3Dshared", null);
    BufferedReader table =
        open(
            CM + from + "&fieldSelector=metadata.name%3Dshared",
            "application/json;as=Table;v=v1;g=meta.k8s.io");

    Api.patch(
        CM + "/shared",
        "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"tier\":\"shared\"}}}");

    JsonNode plainEvent = ResourceApiIT.parse(plain.readLine());
    JsonNode selectingEvent = ResourceApiIT.parse(selecting.readLine());
    JsonNode tableEvent = ResourceApiIT.parse(table.readLine());
    assertThat(plainEvent.path("type").asText()).isEqualTo("MODIFIED");
    assertThat(plainEvent.path("object").path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(selectingEvent.path("type").asText()).isEqualTo("ADDED");
    assertThat(selectingEvent.path("object").path("metadata").path("labels").path("tier").asText())
        .isEqualTo("shared");
    assertThat(tableEvent.path("type").asText()).isEqualTo("MODIFIED");
    assertThat(tableEvent.path("object").path("kind").asText()).isEqualTo("Table");
    assertThat(tableEvent.path("object").path("rows").get(0).path("cells").get(0).asText())
        .isEqualTo("shared");
    plain.close();
    selecting.close();
    table.close();
  }

  private static BufferedReader open(String path, String accept) throws Exception {
    HttpRequest.Builder request = Api.request(path).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<InputStream> watch =
        Api.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    return new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8));
  }

  /**
   * Creates written at once reach a watcher together (one commit batch, one fan-out), and a watcher
   * that is not read for a while falls behind: either way several events are written to it at once.
   * Every one must arrive, once, in resource-version order.
   */
  @Test
  void eventsThatPileUpArriveEachOnceInOrder() throws Exception {
    String ns = "/api/v1/namespaces/pileup/configmaps";
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"pileup\"}}");
    String rv = ResourceApiIT.json(Api.get(ns)).path("metadata").path("resourceVersion").asText();
    BufferedReader lines =
        open(ns + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=30", null);
    int count = 300;
    List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 50 == 0) {
        // Waves of 50: the server takes 100 streams on a connection at once.
        for (var create : creates) {
          assertThat(create.get().statusCode()).isEqualTo(201);
        }
        creates.clear();
      }
      creates.add(
          Api.CLIENT.sendAsync(
              Api.request(ns)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"metadata\":{\"name\":\"p-" + i + "\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (var create : creates) {
      assertThat(create.get().statusCode()).isEqualTo(201);
    }

    Set<String> names = new HashSet<>();
    long lastRv = Long.parseLong(rv);
    try (lines) {
      for (int i = 0; i < count; i++) {
        JsonNode event = ResourceApiIT.parse(lines.readLine());
        assertThat(event.path("type").asText()).isEqualTo("ADDED");
        JsonNode meta = event.path("object").path("metadata");
        long eventRv = Long.parseLong(meta.path("resourceVersion").asText());
        assertThat(eventRv).as("resourceVersion after %d", lastRv).isGreaterThan(lastRv);
        lastRv = eventRv;
        assertThat(names.add(meta.path("name").asText())).as("seen once").isTrue();
      }
    }
    assertThat(names).hasSize(count);
  }
}

package io.bosun.controller.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.config.ClusterConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PatchOptionsBuilder;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the protocol, against a scripted HTTP server: the requests it sends and how
 * it treats answers no healthy apiserver gives on demand (5xx, 429, non-Status bodies). Behaviour
 * against the real apiserver is tested in the testkit module.
 */
class ClientProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CONFIG_MAP_JSON =
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"ns\"}}";

  private record Answer(int code, String body) {}

  private record Seen(
      String method, String uri, String contentType, String authorization, String body) {}

  private final Queue<Answer> answers = new ArrayDeque<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private KubeClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server =
        vertx
            .getDelegate()
            .createHttpServer()
            .requestHandler(this::answer)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    ClusterConfig config =
        ClusterConfig.builder(URI.create("http://127.0.0.1:" + server.actualPort()))
            .bearerToken("t0ken")
            .build();
    client =
        KubeClient.create(
            vertx,
            config,
            ClientOptions.builder()
                .readRetries(3)
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build());
  }

  private void answer(HttpServerRequest request) {
    request.body(
        body -> {
          seen.add(
              new Seen(
                  request.method().name(),
                  request.uri(),
                  request.getHeader("Content-Type"),
                  request.getHeader("Authorization"),
                  body.result().toString()));
          Answer answer;
          synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(200, CONFIG_MAP_JSON) : answers.poll();
          }
          request.response().setStatusCode(answer.code()).end(answer.body());
        });
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    vertx.closeAndAwait();
  }

  @Test
  void sendsServerSideApplyWithItsFieldManagerAndForce() {
    ConfigMap desired =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("x")
            .endMetadata()
            .addToData("k", "v")
            .build();

    client
        .resources(ConfigMap.class)
        .patch(
            "ns",
            "x",
            Patch.apply(desired),
            new PatchOptionsBuilder().withFieldManager("my-controller").withForce(true).build())
        .await()
        .atMost(WAIT);

    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.uri())
        .isEqualTo("/api/v1/namespaces/ns/configmaps/x?fieldManager=my-controller&force=true");
    assertThat(request.contentType()).isEqualTo("application/apply-patch+yaml");
    assertThat(request.authorization()).isEqualTo("Bearer t0ken");
    assertThat(request.body()).contains("\"data\":{\"k\":\"v\"}");
  }

  @Test
  void refusesMisuseAtTheCallWithoutSendingAnything() {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    assertThatThrownBy(() -> configMaps.patch("ns", "x", Patch.apply("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fieldManager");
    assertThatThrownBy(() -> configMaps.get(null, "x"))
        .hasMessageContaining("ConfigMap is namespaced");
    assertThatThrownBy(() -> client.resources(Namespace.class).get("ns", "x"))
        .hasMessageContaining("Namespace is cluster-scoped");
    assertThat(seen).isEmpty();
  }

  @Test
  void retriesAReadAfterServerErrorsAndOverload() {
    answers.add(new Answer(503, "busy"));
    answers.add(
        new Answer(429, "{\"kind\":\"Status\",\"code\":429,\"reason\":\"TooManyRequests\"}"));

    ConfigMap read = client.resources(ConfigMap.class).get("ns", "x").await().atMost(WAIT);

    assertThat(read.getMetadata().getName()).isEqualTo("x");
    assertThat(seen).hasSize(3).allMatch(s -> s.uri().equals("/api/v1/namespaces/ns/configmaps/x"));
  }

  @Test
  void neverRetriesAWriteTheServerMayHaveApplied() {
    answers.add(new Answer(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"boom\"}"));

    assertThatThrownBy(
            () ->
                client
                    .resources(ConfigMap.class)
                    .create(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withNamespace("ns")
                            .withName("x")
                            .endMetadata()
                            .build())
                    .await()
                    .atMost(WAIT))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500));
    assertThat(seen).hasSize(1);
  }

  @Test
  void turnsAnAnswerThatIsNotAStatusIntoAnApiExceptionWithItsText() {
    answers.add(new Answer(404, "404 page not found"));

    assertThatThrownBy(() -> client.resources(ConfigMap.class).get("ns", "x").await().atMost(WAIT))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("NotFound");
              assertThat(e.status().getMessage()).isEqualTo("404 page not found");
            });
  }

  @Test
  void reportsAnUnreachableServerInOneLine() {
    int closedPort = server.actualPort();
    server.close().toCompletionStage().toCompletableFuture().join();
    KubeClient unreachable =
        KubeClient.create(
            vertx,
            ClusterConfig.builder(URI.create("http://127.0.0.1:" + closedPort))
                .source("test")
                .build(),
            ClientOptions.builder()
                .readRetries(2)
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(5))
                .build());

    assertThatThrownBy(
            () -> unreachable.resources(ConfigMap.class).get("ns", "x").await().atMost(WAIT))
        .isInstanceOf(ApiUnreachableException.class)
        .hasMessage(
            "cannot reach the Kubernetes apiserver at http://127.0.0.1:"
                + closedPort
                + " (test): connection refused; is the server running?")
        .hasNoCause();
    assertThat(new ApiUnreachableException("x").getStackTrace()).isEmpty();
    unreachable.close();
  }
}

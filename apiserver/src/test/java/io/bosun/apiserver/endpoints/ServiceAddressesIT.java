package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ClusterIP and node port allocation, as kube-apiserver allocates them. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ServiceAddressesIT {
  static final String SVC = "/api/v1/namespaces/default/services";
  static final String MERGE = "application/merge-patch+json";

  @Test
  void aServiceGetsAClusterIpFromTheRangeThatUpdatesKeep() {
    JsonNode created = json(Api.post(SVC, service("web", "ClusterIP", "")));
    String ip = created.path("spec").path("clusterIP").asText();
    assertThat(ip).startsWith("10.").isNotEqualTo("10.96.0.1");
    assertThat(inRange(ip)).isTrue();
    assertThat(created.path("spec").path("clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
    assertThat(created.path("spec").path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");

    // kubectl replace sends no clusterIP: the allocated one stays.
    HttpResponse<String> replaced = Api.put(SVC + "/web", service("web", "ClusterIP", ""));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(json(replaced).path("spec").path("clusterIP").asText()).isEqualTo(ip);

    HttpResponse<String> changed =
        Api.patch(
            SVC + "/web", MERGE, "{\"spec\":{\"clusterIP\":\"10.96.7.7\",\"clusterIPs\":null}}");
    assertThat(changed.statusCode()).isEqualTo(422);
    assertThat(json(changed).path("message").asText())
        .isEqualTo(
            "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.7.7\"}:"
                + " may not change once set");
  }

  @Test
  void aNamedClusterIpIsReservedOnce() {
    assertThat(Api.post(SVC, service("named-1", "ClusterIP", "10.96.5.5")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> taken = Api.post(SVC, service("named-2", "ClusterIP", "10.96.5.5"));
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(json(taken).path("message").asText())
        .contains("failed to allocate IP 10.96.5.5: provided IP is already allocated");
    HttpResponse<String> outside = Api.post(SVC, service("named-3", "ClusterIP", "192.168.1.1"));
    assertThat(outside.statusCode()).isEqualTo(422);
    assertThat(json(outside).path("message").asText())
        .contains("provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12");

    // Once its Service is gone, the address can be named again.
    Api.delete(SVC + "/named-1");
    assertThat(Api.post(SVC, service("named-4", "ClusterIP", "10.96.5.5")).statusCode())
        .isEqualTo(201);
  }

  @Test
  void headlessAndExternalNameServicesGetNoAddress() {
    JsonNode headless = json(Api.post(SVC, service("headless", "ClusterIP", "None")));
    assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
    JsonNode external =
        json(
            Api.post(
                SVC,
                "{\"metadata\":{\"name\":\"ext\"},\"spec\":{\"type\":\"ExternalName\","
                    + "\"externalName\":\"example.com\"}}"));
    assertThat(external.path("spec").has("clusterIP")).isFalse();
  }

  @Test
  void nodePortsAreAllocatedInTheRangeKeptAndCleared() {
    JsonNode created = json(Api.post(SVC, service("np", "NodePort", "")));
    int nodePort = created.path("spec").path("ports").get(0).path("nodePort").asInt();
    assertThat(nodePort).isBetween(30000, 32767);

    HttpResponse<String> taken =
        Api.post(
            SVC,
            "{\"metadata\":{\"name\":\"np-2\"},\"spec\":{\"type\":\"NodePort\",\"ports\":"
                + "[{\"port\":80,\"nodePort\":"
                + nodePort
                + "}]}}");
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(json(taken).path("message").asText())
        .contains("spec.ports[0].nodePort: Invalid value: " + nodePort)
        .contains("provided port is already allocated");

    HttpResponse<String> low =
        Api.post(
            SVC,
            "{\"metadata\":{\"name\":\"np-3\"},\"spec\":{\"type\":\"NodePort\",\"ports\":"
                + "[{\"port\":80,\"nodePort\":80}]}}");
    assertThat(json(low).path("message").asText())
        .contains("The range of valid ports is 30000-32767");

    JsonNode clusterIp = json(Api.patch(SVC + "/np", MERGE, "{\"spec\":{\"type\":\"ClusterIP\"}}"));
    assertThat(clusterIp.path("spec").path("ports").get(0).has("nodePort")).isFalse();
    JsonNode again = json(Api.patch(SVC + "/np", MERGE, "{\"spec\":{\"type\":\"NodePort\"}}"));
    assertThat(again.path("spec").path("ports").get(0).path("nodePort").asInt())
        .isBetween(30000, 32767);
  }

  @Test
  void concurrentCreatesNeverShareAnAddress() {
    List<CompletableFuture<HttpResponse<String>>> creates =
        IntStream.range(0, 24)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> Api.post(SVC, service("many-" + i, "NodePort", ""))))
            .toList();
    Set<String> ips = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> create : creates) {
      HttpResponse<String> response = create.join();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      JsonNode spec = json(response).path("spec");
      ips.add(spec.path("clusterIP").asText());
      ports.add(spec.path("ports").get(0).path("nodePort").asInt());
    }
    assertThat(ips).hasSize(24);
    assertThat(ports).hasSize(24);
  }

  private static boolean inRange(String ip) {
    String[] octets = ip.split("\\.");
    int second = Integer.parseInt(octets[1]);
    return octets[0].equals("10") && second >= 96 && second <= 111;
  }

  private static String service(String name, String type, String clusterIp) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"type\":\""
        + type
        + "\","
        + (clusterIp.isEmpty() ? "" : "\"clusterIP\":\"" + clusterIp + "\",")
        + "\"selector\":{\"app\":\""
        + name
        + "\"},\"ports\":[{\"port\":80,\"targetPort\":8080}]}}";
  }
}

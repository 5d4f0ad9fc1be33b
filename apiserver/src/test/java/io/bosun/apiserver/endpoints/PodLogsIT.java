package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * pods/log on the apiserver's side, over real HTTP: discovery, what is checked before any agent is
 * asked (options, pod, container, node), and a node whose agent cannot be reached. Reading logs
 * from a real agent is tested in the node-agent module (KubectlLogsIT).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PodLogsIT {
  static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void discoveryListsLogAsAReadOnlyPodSubresource() {
    JsonNode log = null;
    for (JsonNode r : json(Api.get("/api/v1")).path("resources")) {
      if (r.path("name").asText().equals("pods/log")) {
        log = r;
      }
    }
    assertThat(log).isNotNull();
    assertThat(log.path("kind").asText()).isEqualTo("Pod");
    assertThat(log.path("verbs").toString()).isEqualTo("[\"get\"]");
    assertThat(Api.post(PODS + "/any/log", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void optionsAreValidatedAsPodLogOptions() {
    Api.post(PODS, pod("opts", "", "c"));
    HttpResponse<String> invalid =
        Api.get(PODS + "/opts/log?tailLines=-1&limitBytes=0&sinceSeconds=0");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(json(invalid).path("message").asText())
        .isEqualTo(
            "PodLogOptions \"opts\" is invalid: [tailLines: Invalid value: -1: must be greater"
                + " than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0,"
                + " sinceSeconds: Invalid value: 0: must be greater than 0]");
    HttpResponse<String> both =
        Api.get(PODS + "/opts/log?sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z");
    assertThat(both.statusCode()).isEqualTo(422);
    assertThat(json(both).path("message").asText())
        .contains("at most one of `sinceTime` or `sinceSeconds` may be specified");
    assertThat(Api.get(PODS + "/opts/log?tailLines=ten").statusCode()).isEqualTo(400);
  }

  @Test
  void thePodAndItsContainerMustExist() {
    HttpResponse<String> missing = Api.get(PODS + "/nowhere/log");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("message").asText()).isEqualTo("pods \"nowhere\" not found");

    Api.post(PODS, pod("pair", "", "a", "b"));
    HttpResponse<String> unnamed = Api.get(PODS + "/pair/log");
    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(json(unnamed).path("message").asText())
        .isEqualTo("a container name must be specified for pod pair, choose one of: [a b]");
    HttpResponse<String> wrong = Api.get(PODS + "/pair/log?container=c");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json(wrong).path("message").asText())
        .isEqualTo("container c is not valid for pod pair");
  }

  @Test
  void aPodNoNodeRunsHasNoLogYet() {
    Api.post(PODS, pod("unscheduled", "", "c"));
    HttpResponse<String> empty = Api.get(PODS + "/unscheduled/log");
    assertThat(empty.statusCode()).isEqualTo(204);
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void theNodeMustExistAndItsAgentAnswer() throws IOException {
    Api.post(PODS, pod("orphan", "no-such-node", "c"));
    HttpResponse<String> noNode = Api.get(PODS + "/orphan/log");
    assertThat(noNode.statusCode()).isEqualTo(404);
    assertThat(json(noNode).path("message").asText()).isEqualTo("nodes \"no-such-node\" not found");

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Api.post(
        "/api/v1/nodes",
        "{\"metadata\":{\"name\":\"silent\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\","
            + "\"address\":\"127.0.0.1\"}],\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
            + closedPort
            + "}}}}");
    Api.post(PODS, pod("stranded", "silent", "c"));
    HttpResponse<String> unreachable = Api.get(PODS + "/stranded/log");
    assertThat(unreachable.statusCode()).isEqualTo(500);
    assertThat(json(unreachable).path("message").asText())
        .startsWith("Internal error occurred: cannot reach the agent at 127.0.0.1:" + closedPort);
  }

  private static String pod(String name, String node, String... containers) {
    StringBuilder list = new StringBuilder();
    for (String c : containers) {
      list.append(list.isEmpty() ? "" : ",")
          .append("{\"name\":\"")
          .append(c)
          .append("\",\"image\":\"busybox\"}");
    }
    return "{\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{"
        + (node.isEmpty() ? "" : "\"nodeName\":\"" + node + "\",")
        + "\"containers\":["
        + list
        + "]}}";
  }
}

package io.bosun.agent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PodNetworkTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  private static Container server() {
    return new ContainerBuilder()
        .withName("main")
        .withImage("python:3.12")
        .withCommand(
            "sh",
            "-c",
            "echo $HOSTNAME > index.html; exec python3 -m http.server 8080 --bind $POD_IP")
        .withNewReadinessProbe()
        .withNewTcpSocket()
        .withPort(new IntOrString(8080))
        .endTcpSocket()
        .withPeriodSeconds(1)
        .endReadinessProbe()
        .build();
  }

  @Test
  void twoPodsServePort8080EachOnItsOwnAddress() throws Exception {
    Pod one = agent.run(Pods.pod("one", server()).build());
    Pod two = agent.run(Pods.pod("two", server()).build());

    PodStatus first =
        agent.awaitStatus(
            one, s -> Boolean.TRUE.equals(AgentFixture.container(s, "main").getReady()));
    PodStatus second =
        agent.awaitStatus(
            two, s -> Boolean.TRUE.equals(AgentFixture.container(s, "main").getReady()));

    assertThat(first.getPodIP()).isNotEqualTo(second.getPodIP());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(get(http, first.getPodIP())).isEqualTo("one\n");
    assertThat(get(http, second.getPodIP())).isEqualTo("two\n");
  }

  private static String get(HttpClient http, String ip) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/index.html"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}

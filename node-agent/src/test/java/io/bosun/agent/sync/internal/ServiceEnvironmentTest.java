package io.bosun.agent.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

  @Test
  void givesTheKubeletsVariablesForEachServiceWithAClusterIP() {
    Service web =
        service(
            "my-web",
            "10.96.0.7",
            new ServicePortBuilder().withName("http").withPort(80).build(),
            new ServicePortBuilder()
                .withName("metrics")
                .withPort(9090)
                .withProtocol("TCP")
                .build());

    Map<String, String> env = ServiceEnvironment.of(Optional.empty(), List.of(web));

    assertThat(env)
        .containsEntry("MY_WEB_SERVICE_HOST", "10.96.0.7")
        .containsEntry("MY_WEB_SERVICE_PORT", "80")
        .containsEntry("MY_WEB_SERVICE_PORT_HTTP", "80")
        .containsEntry("MY_WEB_SERVICE_PORT_METRICS", "9090")
        .containsEntry("MY_WEB_PORT", "tcp://10.96.0.7:80")
        .containsEntry("MY_WEB_PORT_80_TCP", "tcp://10.96.0.7:80")
        .containsEntry("MY_WEB_PORT_80_TCP_PROTO", "tcp")
        .containsEntry("MY_WEB_PORT_80_TCP_PORT", "80")
        .containsEntry("MY_WEB_PORT_80_TCP_ADDR", "10.96.0.7")
        .containsEntry("MY_WEB_PORT_9090_TCP", "tcp://10.96.0.7:9090")
        .hasSize(13);
  }

  @Test
  void headlessServicesGiveNothingAndTheApiServersServiceComesFirst() {
    Service headless = service("db", "None", new ServicePortBuilder().withPort(5432).build());
    Service master =
        service(
            "kubernetes",
            "10.96.0.1",
            new ServicePortBuilder().withName("https").withPort(443).build());
    Service shadow =
        service("kubernetes", "10.96.9.9", new ServicePortBuilder().withPort(1).build());

    Map<String, String> env = ServiceEnvironment.of(Optional.of(master), List.of(headless, shadow));

    assertThat(env).doesNotContainKey("DB_SERVICE_HOST");
    assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    assertThat(env).containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443");
  }

  private static Service service(
      String name, String clusterIP, io.fabric8.kubernetes.api.model.ServicePort... ports) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withClusterIP(clusterIP)
        .withPorts(ports)
        .endSpec()
        .build();
  }
}

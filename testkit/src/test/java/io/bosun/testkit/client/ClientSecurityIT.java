package io.bosun.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.ApiUnreachableException;
import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.UnauthorizedException;
import io.bosun.controller.config.ClusterConfig;
import io.bosun.testkit.BosunTest;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@BosunTest
class ClientSecurityIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aWrongTokenFailsWithUnauthorized(ClusterConfig config) {
    ClusterConfig wrongToken =
        ClusterConfig.builder(config.server())
            .certificateAuthorityPem(config.certificateAuthorityPem().orElseThrow())
            .bearerToken("not-the-token")
            .build();
    try (KubeClient client = KubeClient.create(wrongToken)) {
      assertThatThrownBy(() -> client.resources(Namespace.class).list(null).await().atMost(WAIT))
          .isInstanceOfSatisfying(
              UnauthorizedException.class, e -> assertThat(e.code()).isEqualTo(401));
    }
  }

  @Test
  void anUntrustedServerCertificateFailsOnceWithATlsMessage(ClusterConfig config) {
    ClusterConfig noCa =
        ClusterConfig.builder(config.server())
            .bearerToken(config.bearerToken().orElseThrow())
            .source("test")
            .build();
    try (KubeClient client = KubeClient.create(noCa, ClientOptions.DEFAULTS)) {
      assertThatThrownBy(() -> client.resources(Namespace.class).list(null).await().atMost(WAIT))
          .isInstanceOf(ApiUnreachableException.class)
          .hasMessageStartingWith(
              "cannot reach the Kubernetes apiserver at "
                  + config.server()
                  + " (test): TLS failed");
    }
  }

  @Test
  void insecureSkipTlsVerifyAcceptsTheCertificateUnchecked(ClusterConfig config) {
    ClusterConfig insecure =
        ClusterConfig.builder(config.server())
            .insecureSkipTlsVerify(true)
            .bearerToken(config.bearerToken().orElseThrow())
            .build();
    try (KubeClient client = KubeClient.create(insecure)) {
      assertThat(client.resources(Namespace.class).list(null).await().atMost(WAIT).items())
          .isNotEmpty();
    }
  }
}

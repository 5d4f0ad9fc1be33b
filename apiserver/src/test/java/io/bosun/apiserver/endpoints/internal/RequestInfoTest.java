package io.bosun.apiserver.endpoints.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestInfoTest {
  @Test
  void parsesNamespacedObjectPaths() {
    assertThat(RequestInfo.parse("GET", "/api/v1/namespaces/ns/configmaps/x", null))
        .isEqualTo(new RequestInfo("", "v1", "ns", "configmaps", "x", null, "get"));
  }

  @Test
  void treatsNamespacesThemselvesAsClusterScoped() {
    assertThat(RequestInfo.parse("DELETE", "/api/v1/namespaces/ns", null))
        .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "ns", null, "delete"));
    assertThat(RequestInfo.parse("GET", "/api/v1/namespaces", null).verb()).isEqualTo("list");
    assertThat(RequestInfo.parse("PUT", "/api/v1/namespaces/ns/finalize", null))
        .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "ns", "finalize", "update"));
    assertThat(RequestInfo.parse("GET", "/api/v1/namespaces/ns/status", null))
        .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "ns", "status", "get"));
    assertThat(RequestInfo.parse("GET", "/api/v1/namespaces/ns/pods", null))
        .isEqualTo(new RequestInfo("", "v1", "ns", "pods", null, null, "list"));
  }

  @Test
  void recognisesWatchParameterAndLegacyWatchPaths() {
    assertThat(RequestInfo.parse("GET", "/api/v1/configmaps", "1").verb()).isEqualTo("watch");
    assertThat(RequestInfo.parse("GET", "/api/v1/watch/namespaces/a/secrets/s", null))
        .isEqualTo(new RequestInfo("", "v1", "a", "secrets", "s", null, "watch"));
  }

  @Test
  void parsesGroupPathsAndSubresources() {
    assertThat(RequestInfo.parse("PUT", "/apis/apps/v1/namespaces/a/deployments/d/scale", null))
        .isEqualTo(new RequestInfo("apps", "v1", "a", "deployments", "d", "scale", "update"));
    assertThat(RequestInfo.parse("GET", "/healthz", null)).isNull();
  }
}

package io.bosun.apiserver.endpoints.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void recognisesTableAndAggregatedDiscoveryRequests() {
    assertThat(
            Output.negotiate("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", null)
                .form())
        .isEqualTo(Output.Form.TABLE);
    assertThat(Output.negotiate("application/json", null).form()).isEqualTo(Output.Form.OBJECT);
    assertThat(
            Discovery.wantsAggregated(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"))
        .isTrue();
    assertThat(Discovery.wantsAggregated("application/json")).isFalse();
  }
}

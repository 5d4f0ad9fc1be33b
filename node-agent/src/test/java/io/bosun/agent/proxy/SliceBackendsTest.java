package io.bosun.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SliceBackendsTest {
  private static EndpointSlice slice(String... readyIps) {
    EndpointSliceBuilder slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName("web-abc")
            .endMetadata()
            .withAddressType("IPv4")
            .addNewPort()
            .withName("http")
            .withPort(8080)
            .endPort();
    for (String ip : readyIps) {
      slice
          .addNewEndpoint()
          .withAddresses(ip)
          .withNewConditions()
          .withReady(true)
          .endConditions()
          .endEndpoint();
    }
    return slice.build();
  }

  @Test
  void aDrainingAddressTakesNoConnectionsWhileAnotherIsReady() {
    List<EndpointSlice> slices = List.of(slice("127.1.0.1", "127.1.0.2"));

    assertThat(SliceBackends.of(slices, "http"))
        .containsExactly(new Backend("127.1.0.1", 8080), new Backend("127.1.0.2", 8080));
    assertThat(SliceBackends.of(slices, "http", Set.of("127.1.0.1")))
        .containsExactly(new Backend("127.1.0.2", 8080));
  }

  @Test
  void aDrainingAddressStillServesWhenItIsTheLastOne() {
    List<EndpointSlice> slices = List.of(slice("127.1.0.1"));

    assertThat(SliceBackends.of(slices, "http", Set.of("127.1.0.1")))
        .containsExactly(new Backend("127.1.0.1", 8080));
  }
}

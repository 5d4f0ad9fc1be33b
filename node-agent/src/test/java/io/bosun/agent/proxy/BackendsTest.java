package io.bosun.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.testing.TestClock;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
  private static final Backend A = new Backend("127.1.0.1", 80);
  private static final Backend B = new Backend("127.1.0.2", 80);

  private final TestClock time = new TestClock();
  private final Backends backends = new Backends(time.clock());

  @Test
  void roundRobinsWithoutAffinity() {
    backends.update(List.of(A, B), null);

    assertThat(List.of(pick("c"), pick("c"), pick("c"), pick("c"))).containsExactly(A, B, A, B);
  }

  @Test
  void affinityLastsUntilTheClientIsIdleForTheTimeout() {
    backends.update(List.of(A, B), Duration.ofSeconds(10));
    Backend first = pick("c");
    time.advance(Duration.ofSeconds(9));
    assertThat(pick("c")).isEqualTo(first);
    time.advance(Duration.ofSeconds(9));
    assertThat(pick("c")).as("used 9 s ago, still sticky").isEqualTo(first);

    time.advance(Duration.ofSeconds(11));
    assertThat(pick("c")).as("idle 11 s: picks anew, round-robin").isNotEqualTo(first);
  }

  @Test
  void aClientWhoseEndpointIsGonePicksAnother() {
    backends.update(List.of(A, B), Duration.ofHours(3));
    Backend first = pick("c");
    Backend other = first.equals(A) ? B : A;

    backends.update(List.of(other), Duration.ofHours(3));

    assertThat(pick("c")).isEqualTo(other);
    assertThat(new Backends(time.clock()).pick("c")).as("no endpoints, no pick").isNull();
  }

  @Test
  void terminatingEndpointsServeOnlyWhenNoneIsReady() {
    EndpointSlice slice =
        slice(endpoint("127.1.0.1", false, true, true), endpoint("127.1.0.2", true, true, false));
    assertThat(SliceBackends.of(List.of(slice), "http")).containsExactly(B);

    EndpointSlice draining =
        slice(endpoint("127.1.0.1", false, true, true), endpoint("127.1.0.2", false, false, false));
    assertThat(SliceBackends.of(List.of(draining), "http")).containsExactly(A);
    assertThat(SliceBackends.of(List.of(draining), "metrics")).as("no such port").isEmpty();
  }

  private Backend pick(String client) {
    return backends.pick(client);
  }

  private static EndpointSlice slice(
      io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
    return new EndpointSliceBuilder()
        .withAddressType("IPv4")
        .withPorts(new EndpointPort(null, "http", 80, "TCP"))
        .withEndpoints(endpoints)
        .build();
  }

  private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(
      String ip, boolean ready, boolean serving, boolean terminating) {
    return new EndpointBuilder()
        .withAddresses(ip)
        .withConditions(new EndpointConditions(ready, serving, terminating))
        .build();
  }
}

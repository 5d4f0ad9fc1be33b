package io.bosun.agent.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodAddressesTest {
  @Test
  void handsOutTheLowestFreeAddressOncePerPodAndReusesReleasedOnes() {
    PodAddresses addresses = new PodAddresses("127.1.0.0/16");

    assertThat(addresses.allocate("a")).isEqualTo("127.1.0.1");
    assertThat(addresses.allocate("b")).isEqualTo("127.1.0.2");
    assertThat(addresses.allocate("a")).isEqualTo("127.1.0.1");
    addresses.release("a");
    assertThat(addresses.allocate("c")).isEqualTo("127.1.0.1");
  }

  @Test
  void reservesCheckpointedAddressesAndRefusesTakenOrForeignOnes() {
    PodAddresses addresses = new PodAddresses("127.2.0.0/30");

    assertThat(addresses.reserve("a", "127.2.0.2")).isTrue();
    assertThat(addresses.reserve("b", "127.2.0.2")).isFalse();
    assertThat(addresses.reserve("b", "10.0.0.1")).isFalse();
    assertThat(addresses.allocate("b")).isEqualTo("127.2.0.1");
    assertThatThrownBy(() -> addresses.allocate("c")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyLoopbackRangesAreAccepted() {
    assertThatThrownBy(() -> new PodAddresses("10.244.0.0/24"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PodAddresses("127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

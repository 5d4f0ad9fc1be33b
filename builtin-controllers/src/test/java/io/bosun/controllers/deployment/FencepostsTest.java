package io.bosun.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controllers.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class FencepostsTest {

  @Test
  void surgeRoundsUpAndUnavailabilityRoundsDown() {
    Deployment d = rolling(10, "25%", "25%");
    assertThat(Fenceposts.maxSurge(d)).isEqualTo(3);
    assertThat(Fenceposts.maxUnavailable(d)).isEqualTo(2);
    Deployment small = rolling(1, "25%", "25%");
    assertThat(Fenceposts.maxSurge(small)).isEqualTo(1);
    assertThat(Fenceposts.maxUnavailable(small)).isZero();
  }

  @Test
  void bothZeroAllowsOneUnavailableAndUnavailabilityIsCappedAtTheReplicas() {
    Deployment d = rolling(3, new IntOrString(0), new IntOrString(0));
    assertThat(Fenceposts.maxSurge(d)).isZero();
    assertThat(Fenceposts.maxUnavailable(d)).isEqualTo(1);
    assertThat(Fenceposts.maxUnavailable(rolling(2, new IntOrString(1), new IntOrString(5))))
        .isEqualTo(2);
  }

  @Test
  void recreateHasNoSurgeNorUnavailability() {
    Deployment d =
        new DeploymentBuilder(rolling(4, "50%", "50%"))
            .editSpec()
            .editStrategy()
            .withType("Recreate")
            .withRollingUpdate(null)
            .endStrategy()
            .endSpec()
            .build();
    assertThat(Fenceposts.maxSurge(d)).isZero();
    assertThat(Fenceposts.maxUnavailable(d)).isZero();
  }

  @Test
  void refusesAStringThatIsNotAPercentage() {
    assertThatThrownBy(() -> Fenceposts.maxSurge(rolling(3, "two", "1%")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid value for IntOrString");
  }

  static Deployment rolling(int replicas, String surge, String unavailable) {
    return rolling(replicas, new IntOrString(surge), new IntOrString(unavailable));
  }

  static Deployment rolling(int replicas, IntOrString surge, IntOrString unavailable) {
    return new DeploymentBuilder(Workloads.deployment("ns", "web", replicas, "app:1"))
        .editSpec()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(surge)
        .withMaxUnavailable(unavailable)
        .endRollingUpdate()
        .endStrategy()
        .endSpec()
        .build();
  }
}

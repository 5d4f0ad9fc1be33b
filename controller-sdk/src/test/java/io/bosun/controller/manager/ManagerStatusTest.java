package io.bosun.controller.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.manager.ManagerStatus.Leadership;
import io.bosun.controller.manager.ManagerStatus.Phase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagerStatusTest {
  private static ManagerStatus status(
      Phase phase, boolean synced, Leadership leadership, boolean running) {
    return new ManagerStatus(
        phase, Map.of("configmaps", synced), leadership, Optional.empty(), Map.of("c", running));
  }

  @Test
  void isReadyWhenRunningSyncedAndLeadingWithRunningControllersOrStandingBy() {
    assertThat(status(Phase.RUNNING, true, Leadership.NOT_ELECTING, true).ready()).isTrue();
    assertThat(status(Phase.RUNNING, true, Leadership.LEADER, true).ready()).isTrue();
    assertThat(status(Phase.RUNNING, true, Leadership.STANDBY, false).ready()).isTrue();
    assertThat(status(Phase.RUNNING, true, Leadership.LEADER, false).ready()).isFalse();
    assertThat(status(Phase.RUNNING, false, Leadership.STANDBY, false).ready()).isFalse();
    assertThat(status(Phase.STARTING, true, Leadership.NOT_ELECTING, true).ready()).isFalse();
    assertThat(status(Phase.STOPPING, true, Leadership.NOT_ELECTING, true).ready()).isFalse();
  }

  @Test
  void isHealthyUnlessItsStartFailed() {
    assertThat(status(Phase.STARTING, false, Leadership.STANDBY, false).healthy()).isTrue();
    assertThat(status(Phase.STOPPED, true, Leadership.STANDBY, false).healthy()).isTrue();
    assertThat(status(Phase.FAILED, false, Leadership.STANDBY, false).healthy()).isFalse();
  }

  @Test
  void optionsHaveTheirDocumentedDefaults() {
    ManagerOptions defaults = ManagerOptions.DEFAULTS;

    assertThat(defaults.cacheSyncTimeout()).hasMinutes(2);
    assertThat(defaults.gracefulShutdownTimeout()).hasSeconds(30);
    assertThat(defaults.healthEnabled()).isFalse();
    assertThat(ManagerOptions.builder().healthPort(0).build().healthEnabled()).isTrue();
    assertThatThrownBy(() -> ManagerOptions.builder().healthPort(70000).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

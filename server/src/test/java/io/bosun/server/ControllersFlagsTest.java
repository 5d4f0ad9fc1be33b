package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllersFlagsTest {

  @Test
  void defaultsToLeaderElectionOnKubeControllerManagersTimings() {
    ControllersFlags flags = ControllersFlags.parse(List.of());
    assertThat(flags)
        .isEqualTo(
            new ControllersFlags(
                null, true, "kube-system", "bosun-controllers", Duration.ofSeconds(40)));
  }

  @Test
  void readsEveryFlagInBothSpellings() {
    ControllersFlags flags =
        ControllersFlags.parse(
            List.of(
                "--kubeconfig=/tmp/kc",
                "--leader-elect",
                "false",
                "--leader-elect-resource-namespace=ops",
                "--leader-elect-resource-name",
                "ctl",
                "--node-monitor-grace-period=2m"));
    assertThat(flags)
        .isEqualTo(
            new ControllersFlags(Path.of("/tmp/kc"), false, "ops", "ctl", Duration.ofMinutes(2)));
  }

  @Test
  void refusesUnknownFlagsAndMalformedValues() {
    assertThatThrownBy(() -> ControllersFlags.parse(List.of("--workers=3")))
        .hasMessage("unknown flag: --workers");
    assertThatThrownBy(() -> ControllersFlags.parse(List.of("--kubeconfig")))
        .hasMessage("flag needs a value: --kubeconfig");
    assertThatThrownBy(() -> ControllersFlags.parse(List.of("--leader-elect=yes")))
        .hasMessage("--leader-elect must be true or false, not yes");
    assertThatThrownBy(() -> ControllersFlags.parse(List.of("--node-monitor-grace-period=40")))
        .hasMessageContaining("must be a positive duration such as 40s, not 40");
  }
}

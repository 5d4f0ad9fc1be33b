package io.bosun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentFlagsTest {

  @Test
  void readsEveryFlagInBothForms() {
    AgentFlags flags =
        AgentFlags.parse(
            List.of(
                "--kubeconfig=/etc/kc",
                "--node-name",
                "worker-1",
                "--data-dir",
                "/var/lib/agent",
                "--pod-cidr=127.9.0.0/16",
                "--max-pods",
                "12",
                "--node-ip",
                "127.0.0.2",
                "--port=0",
                "--image-catalog",
                "/etc/images.yaml",
                "--allowed-host-path",
                "/srv",
                "--allowed-host-path=/data"));

    assertThat(flags.kubeconfig()).isEqualTo(Path.of("/etc/kc"));
    AgentOptions options = flags.options();
    assertThat(options.nodeName()).isEqualTo("worker-1");
    assertThat(options.dataDir()).isEqualTo(Path.of("/var/lib/agent"));
    assertThat(options.podCidr()).isEqualTo("127.9.0.0/16");
    assertThat(options.maxPods()).isEqualTo(12);
    assertThat(options.nodeIP()).isEqualTo("127.0.0.2");
    assertThat(options.port()).isZero();
    assertThat(options.imageCatalog()).isEqualTo(Path.of("/etc/images.yaml"));
    assertThat(options.allowedHostPaths()).containsExactly(Path.of("/srv"), Path.of("/data"));
  }

  @Test
  void defaultsToTheHostNameAndADataDirectoryPerNode() {
    AgentOptions options = AgentFlags.parse(List.of()).options();

    assertThat(options.nodeName()).isNotEmpty().isLowerCase();
    assertThat(options.dataDir())
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".bosun", "agents", options.nodeName()));
    assertThat(options.port()).isEqualTo(AgentOptions.DEFAULT_PORT);
    assertThat(options.maxPods()).isEqualTo(AgentOptions.DEFAULT_MAX_PODS);
    assertThat(AgentFlags.parse(List.of()).kubeconfig()).isNull();
  }

  @Test
  void refusesWhatItCannotUse() {
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--nodename", "x")))
        .hasMessage("unknown flag: --nodename");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--port")))
        .hasMessage("flag needs a value: --port");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--max-pods", "many")))
        .hasMessage("--max-pods must be a number, not many");
    assertThatThrownBy(() -> AgentFlags.parse(List.of("--node-name", "Not_A_Name")))
        .hasMessageStartingWith("node name must be a lowercase RFC 1123 subdomain");
  }

  @Test
  void usageErrorsExitWithTwoAndHelpWithZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(AgentMain.run(List.of("--help"), o, e)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--node-name", "--pod-cidr");
    assertThat(AgentMain.run(List.of("--bogus"), o, e)).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("bosun agent: unknown flag: --bogus\nRun 'bosun agent --help' for usage.\n");
  }
}

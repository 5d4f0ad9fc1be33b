package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.apiserver.boot.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BosunCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final List<ServerCommand> started = new ArrayList<>();
  final List<List<String>> agents = new ArrayList<>();
  final List<List<String>> controllers = new ArrayList<>();

  Optional<Integer> run(String... args) {
    return BosunCommand.execute(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        started::add,
        agentArgs -> {
          agents.add(agentArgs);
          return agentArgs.contains("--broken") ? BosunCommand.EXIT_USAGE : 0;
        },
        controllerArgs -> {
          controllers.add(controllerArgs);
          return 0;
        });
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(run("--help")).contains(0);
    assertThat(out()).contains("Usage: bosun <command>").contains("server").contains("help");
    assertThat(started).isEmpty();
  }

  @Test
  void serverHelpListsTheServerFlags() {
    assertThat(run("server", "--help")).contains(0);
    assertThat(out()).contains("--data-dir", "--port", "--database-url", "--no-agent");
    assertThat(started).isEmpty();
  }

  @Test
  void serverStartsWithTheParsedOptions() {
    assertThat(run("server", "--data-dir", "/tmp/b", "--port", "7443")).isEmpty();
    assertThat(started)
        .containsExactly(
            new ServerCommand(
                new ServerOptions(Path.of("/tmp/b"), 7443, Optional.empty()), true, true));
  }

  @Test
  void noAgentKeepsTheNodeAgentOutOfTheServer() {
    assertThat(run("server", "--no-agent", "--port", "7443")).isEmpty();
    assertThat(started).extracting(ServerCommand::agent).containsExactly(false);
    assertThat(started.get(0).options().port()).isEqualTo(7443);
    assertThat(ServerCommand.agentDataDir(started.get(0).options()))
        .isEqualTo(ServerOptions.defaultDataDir().resolve("agent"));
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).contains(BosunCommand.EXIT_USAGE);
    assertThat(err()).contains("Usage: bosun <command>");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).contains(BosunCommand.EXIT_USAGE);
    assertThat(err())
        .isEqualTo("bosun: unknown command: frobnicate\nRun 'bosun --help' for usage.\n");
    assertThat(started).isEmpty();
  }

  @Test
  void agentRunsTheNodeAgentWithItsFlags() {
    assertThat(run("agent", "--node-name", "n1")).isEmpty();
    assertThat(agents).containsExactly(List.of("--node-name", "n1"));
    assertThat(run("agent", "--broken")).contains(BosunCommand.EXIT_USAGE);
    assertThat(started).isEmpty();
  }

  @Test
  void helpListsTheAgent() {
    assertThat(run("help")).contains(0);
    assertThat(out()).contains("agent     run a node agent");
  }

  @Test
  void anUnknownServerFlagIsAUsageError() {
    assertThat(run("server", "--agent=false")).contains(BosunCommand.EXIT_USAGE);
    assertThat(err())
        .isEqualTo("bosun: unknown flag: --agent\nRun 'bosun server --help' for usage.\n");
    assertThat(started).isEmpty();
  }

  @Test
  void controllersRunTheBuiltinControllersWithTheirFlags() {
    assertThat(run("controllers", "--kubeconfig", "/tmp/kc")).isEmpty();
    assertThat(controllers).containsExactly(List.of("--kubeconfig", "/tmp/kc"));
    assertThat(agents).isEmpty();
    assertThat(started).isEmpty();
  }

  @Test
  void helpListsTheControllersCommand() {
    assertThat(run("--help")).contains(0);
    assertThat(out()).contains("controllers\n", "run the built-in controllers in a process");
  }

  @Test
  void serverWithoutControllersTurnsTheInProcessControllersOff() {
    assertThat(run("server", "--no-controllers", "--port", "7443")).isEmpty();
    assertThat(started)
        .containsExactly(
            new ServerCommand(
                new ServerOptions(ServerOptions.defaultDataDir(), 7443, Optional.empty()),
                false,
                true));
  }

  @Test
  void serverKeepsTheInProcessControllersByDefault() {
    assertThat(run("server", "--port", "7443")).isEmpty();
    assertThat(started).extracting(ServerCommand::controllers).containsExactly(true);
  }

  @Test
  void serverHelpListsNoControllers() {
    assertThat(run("server", "--help")).contains(0);
    assertThat(out()).contains("--no-controllers");
  }
}

package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

  @Test
  void defaultsToHomeDataDirKubernetesPortAndEmbeddedDatabase() {
    ServerOptions options = ServerOptions.parse(List.of());

    assertThat(options.dataDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".bosun").toAbsolutePath());
    assertThat(options.port()).isEqualTo(6443);
    assertThat(options.databaseUrl()).isEmpty();
  }

  @Test
  void readsFlagsWithSeparateOrInlineValues() {
    ServerOptions options =
        ServerOptions.parse(
            List.of(
                "--data-dir",
                "/tmp/bosun-a",
                "--port=7000",
                "--database-url",
                "postgresql://u:p@db:5432/bosun"));

    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/bosun-a"));
    assertThat(options.port()).isEqualTo(7000);
    assertThat(options.databaseUrl()).contains("postgresql://u:p@db:5432/bosun");
  }

  @Test
  void makesARelativeDataDirAbsolute() {
    assertThat(ServerOptions.parse(List.of("--data-dir", "data")).dataDir()).isAbsolute();
  }

  @Test
  void rejectsUnknownFlagsAndStrayArguments() {
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--verbose")))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown flag: --verbose");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("extra")))
        .isInstanceOf(UsageException.class)
        .hasMessage("unexpected argument: extra");
  }

  @Test
  void rejectsAFlagWithoutItsValue() {
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--port")))
        .isInstanceOf(UsageException.class)
        .hasMessage("flag needs a value: --port");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--data-dir=")))
        .isInstanceOf(UsageException.class)
        .hasMessage("flag needs a value: --data-dir");
  }

  @Test
  void rejectsPortsThatAreNotNumbersOrOutOfRange() {
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "http")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("must be a number");
    assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "70000")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("between 1 and 65535");
  }

  @Test
  void rejectsADatabaseUrlThatIsNotALibpqUri() {
    assertThatThrownBy(
            () -> ServerOptions.parse(List.of("--database-url", "jdbc:postgresql://x/y")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("postgresql://user:password@host:port/database");
  }
}

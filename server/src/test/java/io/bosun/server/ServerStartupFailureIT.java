package io.bosun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up problems a user can fix end in one clear line and a non-zero exit code. */
class ServerStartupFailureIT {
  @TempDir Path dir;

  @Test
  void anUnreachableDatabaseGivesOneLineAndExitCodeOne() throws Exception {
    try (BosunProcess bosun =
        BosunProcess.jar(
            dir,
            "server",
            "--data-dir",
            dir.resolve("data").toString(),
            "--port",
            Integer.toString(BosunProcess.freePort()),
            "--database-url",
            "postgresql://x:y@127.0.0.1:1/none")) {

      assertThat(bosun.awaitExit()).isEqualTo(1);
      assertThat(bosun.stderr().lines())
          .containsExactly(
              "bosun: cannot connect to the database at x@127.0.0.1:1/none: Connection refused");
      assertThat(bosun.stdout()).isEmpty();
    }
  }

  @Test
  void aPortInUseGivesOneLineAndExitCodeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        BosunProcess bosun =
            BosunProcess.jar(
                dir,
                "server",
                "--data-dir",
                dir.resolve("data").toString(),
                "--port",
                Integer.toString(taken.getLocalPort()))) {

      assertThat(bosun.awaitExit()).isEqualTo(1);
      assertThat(bosun.stderr().lines())
          .containsExactly(
              "bosun: port " + taken.getLocalPort() + " is in use; choose another with --port");
    }
  }

  @Test
  void anUnknownFlagIsAUsageErrorWithExitCodeTwo() throws Exception {
    try (BosunProcess bosun = BosunProcess.script(dir, "server", "--colour", "blue")) {

      assertThat(bosun.awaitExit()).isEqualTo(2);
      assertThat(bosun.stderr().lines())
          .containsExactly("bosun: unknown flag: --colour", "Run 'bosun server --help' for usage.");
    }
  }
}

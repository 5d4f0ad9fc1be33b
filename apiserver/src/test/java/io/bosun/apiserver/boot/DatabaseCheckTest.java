package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class DatabaseCheckTest {

  @Test
  void reportsAnUnreachableDatabaseInOneLineWithoutThePassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                DatabaseCheck.requireReachable(
                    "postgresql://bosun:secret@127.0.0.1:" + closedPort + "/bosun"))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot connect to the database at bosun@127.0.0.1:"
                + closedPort
                + "/bosun: Connection refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @Test
  void describesADatabaseByUserHostPortAndName() {
    assertThat(DatabaseCheck.describe(DatabaseCheck.parse("postgresql://u:pw@db.local:5433/kube")))
        .isEqualTo("u@db.local:5433/kube");
  }
}

package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dataDir;

  @Test
  void pointsOneCurrentContextAtTheLocalHttpsPortWithTheTokenAndCa() {
    String pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

    String text = Kubeconfig.render(7443, "tok", pem);

    assertThat(text)
        .contains("server: https://127.0.0.1:7443")
        .contains("token: tok")
        .contains("current-context: bosun")
        .contains(
            "certificate-authority-data: "
                + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void isWrittenReadableByItsOwnerOnly() throws Exception {
    Path file = Kubeconfig.write(dataDir, 6443, "tok", "pem");

    assertThat(file).isEqualTo(dataDir.resolve("kubeconfig"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}

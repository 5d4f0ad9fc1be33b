package io.bosun.apiserver.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes {@code <data-dir>/kubeconfig} for the local admin: one cluster (the apiserver on the
 * loopback address, trusting Bosun's CA), one user (the admin token), one context, made current. It
 * holds the token, so it is readable by its owner only.
 */
final class Kubeconfig {
  /** The kubeconfig's file name inside the data directory. */
  static final String FILE_NAME = "kubeconfig";

  /** The name of the cluster, user and context entries. */
  static final String NAME = "bosun";

  private Kubeconfig() {}

  /** The kubeconfig's text. */
  static String render(int port, String token, String caCertificatePem) {
    String caData =
        Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII));
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: https://127.0.0.1:%2$d
            certificate-authority-data: %3$s
        users:
        - name: %1$s-admin
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-admin
        current-context: %1$s
        preferences: {}
        """
        .formatted(NAME, port, caData, token);
  }

  /** Writes the kubeconfig into {@code dataDir} and returns its path. */
  static Path write(Path dataDir, int port, String token, String caCertificatePem)
      throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    PrivateFiles.write(file, render(port, token, caCertificatePem));
    return file;
  }
}

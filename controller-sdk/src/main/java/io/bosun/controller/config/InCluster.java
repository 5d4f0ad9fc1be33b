package io.bosun.controller.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads the configuration of a pod: the service's address and the mounted service account. */
final class InCluster {
  static final String HOST_ENV = "KUBERNETES_SERVICE_HOST";
  static final String PORT_ENV = "KUBERNETES_SERVICE_PORT";
  static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private InCluster() {}

  static ClusterConfig load(Map<String, String> env, Path serviceAccountDir) {
    String host = env.get(HOST_ENV);
    if (host == null || host.isBlank()) {
      throw new ConfigException("not running in a pod: " + HOST_ENV + " is not set");
    }
    String port = env.getOrDefault(PORT_ENV, "443");
    // An IPv6 service address needs brackets in a URL.
    String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    Path token = serviceAccountDir.resolve("token");
    if (!Files.isReadable(token)) {
      throw new ConfigException(
          "running in a pod, but the service account token " + token + " is not readable");
    }
    ClusterConfig.Builder builder =
        ClusterConfig.builder(URI.create("https://" + authority))
            .bearerTokenFile(token)
            .source("the service account of this pod (" + serviceAccountDir + ")");
    Path ca = serviceAccountDir.resolve("ca.crt");
    if (Files.isReadable(ca)) {
      builder.certificateAuthorityPem(read(ca));
    }
    Path namespace = serviceAccountDir.resolve("namespace");
    if (Files.isReadable(namespace)) {
      builder.namespace(read(namespace).trim());
    }
    return builder.build();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }
}

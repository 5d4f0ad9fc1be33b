package io.bosun.controller.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one apiserver: its address, the certificate authority to trust, and the credentials
 * to present. Read it from a kubeconfig or a pod's service account with {@link #load()}, or build
 * it with {@link #builder(URI)}.
 */
public final class ClusterConfig {
  /** The namespace used when the configuration names none: {@value}. */
  public static final String DEFAULT_NAMESPACE = "default";

  private final URI server;
  private final String certificateAuthorityPem;
  private final boolean insecureSkipTlsVerify;
  private final String clientCertificatePem;
  private final String clientKeyPem;
  private final String bearerToken;
  private final Path bearerTokenFile;
  private final String username;
  private final String password;
  private final String namespace;
  private final String source;

  private ClusterConfig(Builder b) {
    this.server = b.server;
    this.certificateAuthorityPem = b.certificateAuthorityPem;
    this.insecureSkipTlsVerify = b.insecureSkipTlsVerify;
    this.clientCertificatePem = b.clientCertificatePem;
    this.clientKeyPem = b.clientKeyPem;
    this.bearerToken = b.bearerToken;
    this.bearerTokenFile = b.bearerTokenFile;
    this.username = b.username;
    this.password = b.password;
    this.namespace = b.namespace;
    this.source = b.source;
  }

  /**
   * Loads the configuration the way kubectl does: the kubeconfig files listed in {@code
   * KUBECONFIG}, else {@code ~/.kube/config}, else the service account of the pod this runs in.
   *
   * @throws ConfigException if none is present or the one found is unusable
   */
  public static ClusterConfig load() {
    return load(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static ClusterConfig load(Map<String, String> env, Path home) {
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      return Kubeconfig.load(Kubeconfig.paths(kubeconfig), null);
    }
    Path defaultFile = home.resolve(".kube").resolve("config");
    if (defaultFile.toFile().isFile()) {
      return Kubeconfig.load(java.util.List.of(defaultFile), null);
    }
    if (env.containsKey(InCluster.HOST_ENV)) {
      return InCluster.load(env, InCluster.SERVICE_ACCOUNT_DIR);
    }
    throw new ConfigException(
        "no Kubernetes configuration found: KUBECONFIG is not set, "
            + defaultFile
            + " does not exist, and this is not a pod ("
            + InCluster.HOST_ENV
            + " is not set)");
  }

  /**
   * Reads the current context of the kubeconfig at {@code file}.
   *
   * @throws ConfigException if the file is missing, malformed or has no usable current context
   */
  public static ClusterConfig fromKubeconfig(Path file) {
    Objects.requireNonNull(file, "file");
    return Kubeconfig.load(java.util.List.of(file), null);
  }

  /**
   * Reads the context named {@code context} of the kubeconfig at {@code file}.
   *
   * @throws ConfigException if the file is missing or malformed, or has no such context
   */
  public static ClusterConfig fromKubeconfig(Path file, String context) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(context, "context");
    return Kubeconfig.load(java.util.List.of(file), context);
  }

  /**
   * Reads the service account of the pod this process runs in.
   *
   * @throws ConfigException if this is not a pod or the service account files are unreadable
   */
  public static ClusterConfig inCluster() {
    return InCluster.load(System.getenv(), InCluster.SERVICE_ACCOUNT_DIR);
  }

  /** A builder for the apiserver at {@code server}, such as {@code https://127.0.0.1:6443}. */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  /**
   * The same credentials and trust for another address of the server, such as a port-forward or a
   * proxy in front of it.
   */
  public ClusterConfig withServer(URI server) {
    Builder b = new Builder(server);
    b.certificateAuthorityPem = certificateAuthorityPem;
    b.insecureSkipTlsVerify = insecureSkipTlsVerify;
    b.clientCertificatePem = clientCertificatePem;
    b.clientKeyPem = clientKeyPem;
    b.bearerToken = bearerToken;
    b.bearerTokenFile = bearerTokenFile;
    b.username = username;
    b.password = password;
    b.namespace = namespace;
    b.source = source + ", at " + server;
    return b.build();
  }

  /** The apiserver's base address, such as {@code https://127.0.0.1:6443}. */
  public URI server() {
    return server;
  }

  /** The PEM certificates to trust for the server; empty means the JVM's default trust store. */
  public Optional<String> certificateAuthorityPem() {
    return Optional.ofNullable(certificateAuthorityPem);
  }

  /** Whether the server's certificate is accepted unchecked. Defaults to false. */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /** The PEM client certificate (chain) to present, if any. */
  public Optional<String> clientCertificatePem() {
    return Optional.ofNullable(clientCertificatePem);
  }

  /** The PEM private key of {@link #clientCertificatePem()}, if any. */
  public Optional<String> clientKeyPem() {
    return Optional.ofNullable(clientKeyPem);
  }

  /** A fixed bearer token, if any. */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(bearerToken);
  }

  /** A file holding the bearer token, re-read as it rotates (service accounts), if any. */
  public Optional<Path> bearerTokenFile() {
    return Optional.ofNullable(bearerTokenFile);
  }

  /** The basic-authentication user name, if any. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The basic-authentication password, if any. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The namespace of the context. Defaults to {@value #DEFAULT_NAMESPACE}. */
  public String namespace() {
    return namespace;
  }

  /** Where this configuration came from, for messages: a kubeconfig path and context, or a pod. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "ClusterConfig[server=" + server + ", source=" + source + "]";
  }

  /** Builds a {@link ClusterConfig}; every setting but the server is optional. */
  public static final class Builder {
    private final URI server;
    private String certificateAuthorityPem;
    private boolean insecureSkipTlsVerify;
    private String clientCertificatePem;
    private String clientKeyPem;
    private String bearerToken;
    private Path bearerTokenFile;
    private String username;
    private String password;
    private String namespace = DEFAULT_NAMESPACE;
    private String source = "built in code";

    private Builder(URI server) {
      Objects.requireNonNull(server, "server");
      String scheme = server.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new IllegalArgumentException("server must be an http or https URL: " + server);
      }
      if (server.getHost() == null) {
        throw new IllegalArgumentException("server has no host: " + server);
      }
      this.server = server;
    }

    /** Trusts these PEM certificates for the server instead of the JVM's default trust store. */
    public Builder certificateAuthorityPem(String pem) {
      this.certificateAuthorityPem = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /** Accepts any server certificate; for tests only. */
    public Builder insecureSkipTlsVerify(boolean insecure) {
      this.insecureSkipTlsVerify = insecure;
      return this;
    }

    /** Presents this PEM client certificate and private key. */
    public Builder clientCertificate(String certificatePem, String keyPem) {
      this.clientCertificatePem = Objects.requireNonNull(certificatePem, "certificatePem");
      this.clientKeyPem = Objects.requireNonNull(keyPem, "keyPem");
      return this;
    }

    /** Sends this bearer token. */
    public Builder bearerToken(String token) {
      this.bearerToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Sends the bearer token held in {@code file}, re-reading it as it rotates. */
    public Builder bearerTokenFile(Path file) {
      this.bearerTokenFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Authenticates with a user name and password (HTTP basic). */
    public Builder basicAuth(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The default namespace. Defaults to {@value #DEFAULT_NAMESPACE}. */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      this.namespace = namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
      return this;
    }

    /** Says where the configuration came from, for messages. Defaults to "built in code". */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The configuration. */
    public ClusterConfig build() {
      return new ClusterConfig(this);
    }
  }
}

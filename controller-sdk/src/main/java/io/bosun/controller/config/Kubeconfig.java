package io.bosun.controller.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads kubeconfig files as kubectl does: several files merge with the first definition of each
 * cluster, user and context winning, and file paths inside a file are relative to that file.
 */
final class Kubeconfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One named entry, with the directory its relative paths resolve against. */
  private record Entry(JsonNode value, Path dir, Path file) {}

  private final Map<String, Entry> clusters = new LinkedHashMap<>();
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Entry> contexts = new LinkedHashMap<>();
  private String currentContext;
  private final List<Path> files = new ArrayList<>();

  private Kubeconfig() {}

  /** The files of a {@code KUBECONFIG} value, in order. */
  static List<Path> paths(String kubeconfigEnv) {
    List<Path> paths = new ArrayList<>();
    for (String part : kubeconfigEnv.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        paths.add(Path.of(part.trim()));
      }
    }
    return paths;
  }

  static ClusterConfig load(List<Path> paths, String contextName) {
    Kubeconfig config = new Kubeconfig();
    for (Path path : paths) {
      // As kubectl does, a listed file that does not exist is skipped, unless it is the only one.
      if (Files.exists(path) || paths.size() == 1) {
        config.merge(path);
      }
    }
    if (config.files.isEmpty()) {
      throw new ConfigException("none of the kubeconfig files in KUBECONFIG exists: " + paths);
    }
    return config.resolve(contextName);
  }

  private void merge(Path path) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(path, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          "kubeconfig " + path + " is not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      throw new ConfigException("kubeconfig " + path + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read kubeconfig " + path + ": " + e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException("kubeconfig " + path + " is not a YAML mapping");
    }
    files.add(path);
    Path dir = path.toAbsolutePath().getParent();
    collect(root, "clusters", "cluster", clusters, dir, path);
    collect(root, "users", "user", users, dir, path);
    collect(root, "contexts", "context", contexts, dir, path);
    String current = root.path("current-context").asText("");
    if (currentContext == null && !current.isEmpty()) {
      currentContext = current;
    }
  }

  private static void collect(
      JsonNode root, String list, String field, Map<String, Entry> into, Path dir, Path file) {
    for (JsonNode named : root.path(list)) {
      String name = named.path("name").asText("");
      if (!name.isEmpty()) {
        into.putIfAbsent(name, new Entry(named.path(field), dir, file));
      }
    }
  }

  private ClusterConfig resolve(String contextName) {
    String name = contextName != null ? contextName : currentContext;
    if (name == null) {
      throw new ConfigException("kubeconfig " + describeFiles() + " has no current-context");
    }
    Entry context = contexts.get(name);
    if (context == null) {
      throw new ConfigException(
          "kubeconfig "
              + describeFiles()
              + " has no context named \""
              + name
              + "\" (contexts: "
              + String.join(", ", contexts.keySet())
              + ")");
    }
    String clusterName = context.value().path("cluster").asText("");
    Entry cluster = clusters.get(clusterName);
    if (cluster == null) {
      throw new ConfigException(
          "context \""
              + name
              + "\" in "
              + context.file()
              + " names cluster \""
              + clusterName
              + "\", which the kubeconfig does not define");
    }
    String source = "kubeconfig " + describeFiles() + ", context \"" + name + "\"";
    ClusterConfig.Builder builder = builderFor(cluster, name).source(source);
    builder.namespace(context.value().path("namespace").asText(""));
    JsonNode c = cluster.value();
    if (c.path("insecure-skip-tls-verify").asBoolean(false)) {
      builder.insecureSkipTlsVerify(true);
    }
    String ca = pem(cluster, "certificate-authority");
    if (ca != null) {
      builder.certificateAuthorityPem(ca);
    }
    String userName = context.value().path("user").asText("");
    Entry user = users.get(userName);
    if (user != null) {
      applyUser(builder, user, userName);
    } else if (!userName.isEmpty()) {
      throw new ConfigException(
          "context \""
              + name
              + "\" in "
              + context.file()
              + " names user \""
              + userName
              + "\", which the kubeconfig does not define");
    }
    return builder.build();
  }

  private static ClusterConfig.Builder builderFor(Entry cluster, String contextName) {
    String server = cluster.value().path("server").asText("");
    if (server.isEmpty()) {
      throw new ConfigException(
          "the cluster of context \"" + contextName + "\" in " + cluster.file() + " has no server");
    }
    try {
      return ClusterConfig.builder(new URI(server));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigException(
          "the cluster of context \""
              + contextName
              + "\" in "
              + cluster.file()
              + " has an invalid server address \""
              + server
              + "\": "
              + e.getMessage());
    }
  }

  private static void applyUser(ClusterConfig.Builder builder, Entry user, String userName) {
    JsonNode u = user.value();
    if (u.has("exec") || u.has("auth-provider")) {
      throw new ConfigException(
          "user \""
              + userName
              + "\" in "
              + user.file()
              + " authenticates through "
              + (u.has("exec") ? "an exec credential plugin" : "an auth-provider")
              + ", which Bosun's client does not support; use a token or a client certificate");
    }
    String token = u.path("token").asText("");
    String tokenFile = u.path("tokenFile").asText("");
    if (!token.isEmpty()) {
      builder.bearerToken(token);
    } else if (!tokenFile.isEmpty()) {
      builder.bearerTokenFile(user.dir().resolve(tokenFile));
    }
    String certificate = pem(user, "client-certificate");
    String key = pem(user, "client-key");
    if ((certificate == null) != (key == null)) {
      throw new ConfigException(
          "user \""
              + userName
              + "\" in "
              + user.file()
              + " has a client certificate or key without the other");
    }
    if (certificate != null) {
      builder.clientCertificate(certificate, key);
    }
    String username = u.path("username").asText("");
    if (!username.isEmpty()) {
      builder.basicAuth(username, u.path("password").asText(""));
    }
  }

  /**
   * Reads a PEM given inline ({@code <field>-data}, base64) or as a file path ({@code <field>}).
   */
  private static String pem(Entry entry, String field) {
    String data = entry.value().path(field + "-data").asText("");
    if (!data.isEmpty()) {
      try {
        return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(field + "-data in " + entry.file() + " is not valid base64");
      }
    }
    String file = entry.value().path(field).asText("");
    if (file.isEmpty()) {
      return null;
    }
    Path path = entry.dir().resolve(file);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read " + field + " " + path + " named in " + entry.file() + ": " + e);
    }
  }

  private String describeFiles() {
    return files.size() == 1 ? files.get(0).toString() : files.toString();
  }
}

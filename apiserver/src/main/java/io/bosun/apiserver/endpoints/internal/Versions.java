package io.bosun.apiserver.endpoints.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Kubernetes version Bosun reports on {@code /version}: the API level it implements. */
public final class Versions {
  /** The Kubernetes minor version whose API Bosun serves; kubectl picks its version from it. */
  public static final String MINOR = "32";

  /** The git version string, Kubernetes' format with Bosun's build metadata. */
  public static final String GIT_VERSION = "v1." + MINOR + ".0+bosun";

  private Versions() {}

  /** The {@code /version} document. */
  public static ObjectNode info() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("major", "1");
    node.put("minor", MINOR);
    node.put("gitVersion", GIT_VERSION);
    node.put("gitCommit", "unknown");
    node.put("gitTreeState", "clean");
    node.put("buildDate", "1970-01-01T00:00:00Z");
    node.put("goVersion", "java" + Runtime.version().feature());
    node.put("compiler", "javac");
    node.put("platform", "linux/amd64");
    return node;
  }
}

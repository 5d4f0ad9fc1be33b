package io.bosun.apiserver.registry.crd.schema;

/** Builds field paths the way Kubernetes' {@code field.Path} prints them. */
public final class Paths {
  private Paths() {}

  /** {@code parent.name}, or {@code name} at the root. */
  public static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** {@code parent[key]}. */
  public static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  /** {@code parent[index]}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}

package io.bosun.controller.informer.internal;

/**
 * Compares resourceVersions. Kubernetes calls them opaque; Bosun's are increasing integers, as are
 * etcd's in practice. A version that is not an integer compares with nothing.
 */
final class ResourceVersions {
  private ResourceVersions() {}

  /**
   * Whether {@code candidate} is known to be newer than {@code current}: both integers, greater.
   */
  static boolean isNewer(String candidate, String current) {
    long a = parse(candidate);
    long b = parse(current);
    return a >= 0 && b >= 0 && a > b;
  }

  /** Whether {@code candidate} is known to be older than {@code current}. */
  static boolean isOlder(String candidate, String current) {
    return isNewer(current, candidate);
  }

  private static long parse(String rv) {
    if (rv == null || rv.isEmpty() || rv.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < rv.length(); i++) {
      char c = rv.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}

package io.bosun.bench;

import java.util.UUID;

/** ConfigMap-shaped JSON documents of about 1 KiB. */
final class Documents {
  private static final String PAYLOAD = "x".repeat(850);

  private Documents() {}

  /** A stored document in namespace {@code default}, with the fields the apiserver would set. */
  static String configMap(String name, long stamp) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"uid\":\""
        + UUID.randomUUID()
        + "\",\"creationTimestamp\":\"2026-11-23T00:00:00Z\"},"
        + data(stamp)
        + "}";
  }

  /** A create request's body: the apiserver adds uid, creationTimestamp and resourceVersion. */
  static String createRequest(String namespace, String name, long stamp) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\"},"
        + data(stamp)
        + "}";
  }

  private static String data(long stamp) {
    return "\"data\":{\"stamp\":\"" + stamp + "\",\"payload\":\"" + PAYLOAD + "\"}";
  }

  /** Reads back the stamp written by {@link #configMap}. */
  static long stamp(String json) {
    int at = json.indexOf("\"stamp\"");
    int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
    return Long.parseLong(json.substring(start, json.indexOf('"', start)));
  }
}

package io.bosun.bench;

import java.util.UUID;

/** ConfigMap-shaped JSON documents of about 1 KiB. */
final class Documents {
  private static final String PAYLOAD = "x".repeat(850);

  private Documents() {}

  static String configMap(String name, long stamp) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"uid\":\""
        + UUID.randomUUID()
        + "\",\"creationTimestamp\":\"2026-11-23T00:00:00Z\"},\"data\":{\"stamp\":\""
        + stamp
        + "\",\"payload\":\""
        + PAYLOAD
        + "\"}}";
  }

  /** Reads back the stamp written by {@link #configMap}. */
  static long stamp(String json) {
    int at = json.indexOf("\"stamp\"");
    int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
    return Long.parseLong(json.substring(start, json.indexOf('"', start)));
  }
}

package io.bosun.controller.client.internal;

import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the apiserver: method, encoded path, query parameters and an optional body.
 *
 * @param method the HTTP method
 * @param path the path below the server's base URL, already percent-encoded
 * @param query the query parameters, unencoded, in order (a name may repeat)
 * @param contentType the body's content type, or null without a body
 * @param body the body, or null
 */
public record ApiRequest(
    HttpMethod method,
    String path,
    List<Map.Entry<String, String>> query,
    String contentType,
    byte[] body) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
  }

  /** A request without a body. */
  public static ApiRequest of(
      HttpMethod method, String path, List<Map.Entry<String, String>> query) {
    return new ApiRequest(method, path, query, null, null);
  }

  /** A request with a body. */
  public static ApiRequest withBody(
      HttpMethod method,
      String path,
      List<Map.Entry<String, String>> query,
      String contentType,
      byte[] body) {
    return new ApiRequest(method, path, query, contentType, body);
  }

  /** The query string with its leading {@code ?}, or empty. */
  public String encodedQuery() {
    if (query.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> p : query) {
      parts.add(encode(p.getKey()) + "=" + encode(p.getValue()));
    }
    return "?" + String.join("&", parts);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package io.bosun.apiserver.endpoints;

import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** A small HTTP client for the test server, authenticated with the admin token. */
final class Api {
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Api() {}

  static String base() {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
    return "http://localhost:" + port;
  }

  static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Bearer " + EmbeddedPostgresResource.TOKEN);
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  static HttpResponse<String> post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static HttpResponse<String> put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Sends a PATCH with the given content type (a patch type, or apply's YAML). */
  static HttpResponse<String> patch(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  static HttpResponse<String> delete(String path, String deleteOptions) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(deleteOptions))
            .build());
  }

  /** Polls {@code path} until it answers 404; fails after {@code seconds}. */
  static void awaitGone(String path, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (get(path).statusCode() != 404) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " still exists after " + seconds + " s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}

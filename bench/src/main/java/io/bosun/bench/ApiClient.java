package io.bosun.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A non-blocking client of the apiserver's REST API over HTTPS (Vert.x core), authenticated with
 * the admin token and trusting the apiserver's CA as kubectl does.
 *
 * <p>Over HTTP/2 it spreads requests over {@code connections} connections with at most {@code
 * streamsPerConnection} streams each; over HTTP/1.1 every in-flight request or open watch holds a
 * connection of its own.
 */
final class ApiClient implements AutoCloseable {
  /** HTTP/2 stream window, as Go's HTTP/2 client (kubectl's) uses: 4 MiB. */
  private static final int STREAM_WINDOW = 4 << 20;

  /** TLS handshake timeout: generous, as the benchmark shares two cores with everything else. */
  private static final long HANDSHAKE_SECONDS = 60;

  /** HTTP/2 connection window: 64 MiB, so that parallel streams do not wait on one another. */
  private static final int CONNECTION_WINDOW = 64 << 20;

  /** The HTTP version to speak. */
  enum Protocol {
    HTTP_2,
    HTTP_1_1
  }

  /** A complete response: its status, body, and nanoseconds from sending to the body's end. */
  record Reply(int status, Buffer body, long nanos) {}

  private final HttpClient http;
  private final String authorization;
  private final Context context;

  ApiClient(
      Vertx vertx,
      ApiServerProcess server,
      Protocol protocol,
      int connections,
      int streamsPerConnection) {
    this(vertx, server, protocol, connections, streamsPerConnection, null);
  }

  /**
   * As above, with every request sent from {@code context} (when not null): Vert.x opens a
   * connection on the event loop of the request that needs it and runs each response's handlers on
   * the request's context, so a client's connections and their readers live on that one thread.
   */
  ApiClient(
      Vertx vertx,
      ApiServerProcess server,
      Protocol protocol,
      int connections,
      int streamsPerConnection,
      Context context) {
    this.context = context;
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(true)
            .setTrustOptions(
                new PemTrustOptions().addCertValue(Buffer.buffer(server.caCertificatePem())))
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(server.port())
            .setSslHandshakeTimeout(HANDSHAKE_SECONDS)
            .setKeepAlive(true)
            .setTcpNoDelay(true);
    if (OpenSSLEngineOptions.isAvailable()) {
      // The load generator shares the machine with what it measures: BoringSSL decrypts with less
      // of it than the JDK does on Java 17.
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    if (protocol == Protocol.HTTP_2) {
      options
          .setProtocolVersion(HttpVersion.HTTP_2)
          .setUseAlpn(true)
          .setHttp2MultiplexingLimit(streamsPerConnection)
          .setHttp2ConnectionWindowSize(CONNECTION_WINDOW)
          .setInitialSettings(new Http2Settings().setInitialWindowSize(STREAM_WINDOW));
    } else {
      options.setProtocolVersion(HttpVersion.HTTP_1_1);
    }
    PoolOptions pool =
        new PoolOptions()
            .setHttp2MaxSize(connections)
            .setHttp1MaxSize(connections)
            .setMaxWaitQueueSize(-1);
    this.http = vertx.createHttpClient(options, pool);
    this.authorization = "Bearer " + server.token();
  }

  /** Sends a request and reads the whole response; fails on a transport error only. */
  CompletableFuture<Reply> send(HttpMethod method, String uri, String body) {
    long start = System.nanoTime();
    return onContext(
            () ->
                http.request(request(method, uri))
                    .compose(
                        request ->
                            body == null ? request.send() : request.send(Buffer.buffer(body)))
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    b ->
                                        new Reply(
                                            response.statusCode(), b, System.nanoTime() - start))))
        .toCompletionStage()
        .toCompletableFuture();
  }

  /** Like {@link #send}, failing unless the status is {@code expected}. */
  CompletableFuture<Reply> expect(int expected, HttpMethod method, String uri, String body) {
    return send(method, uri, body)
        .thenApply(
            reply -> {
              if (reply.status() != expected) {
                throw new IllegalStateException(
                    method + " " + uri + ": " + reply.status() + " " + snippet(reply.body()));
              }
              return reply;
            });
  }

  /** A list read to its end: the items of all its pages and the sum of their round trips. */
  record Listed(int items, long nanos) {}

  /**
   * Reads a list and, while it has a continue token, its following pages, as kubectl's pager does.
   * The time is the sum of the round trips (sending to the last byte), without the client's parsing
   * between pages.
   */
  CompletableFuture<Listed> listAll(String uri) {
    return listFrom(uri, null, new Listed(0, 0));
  }

  private CompletableFuture<Listed> listFrom(String uri, String continueToken, Listed before) {
    String page =
        continueToken == null
            ? uri
            : uri
                + (uri.contains("?") ? "&" : "?")
                + "continue="
                + URLEncoder.encode(continueToken, StandardCharsets.UTF_8);
    return expect(200, HttpMethod.GET, page, null)
        .thenCompose(
            reply -> {
              ListBody body = ListBody.parse(reply.body().getBytes());
              Listed sum =
                  new Listed(before.items() + body.items(), before.nanos() + reply.nanos());
              return body.continueToken() == null
                  ? CompletableFuture.completedFuture(sum)
                  : listFrom(uri, body.continueToken(), sum);
            });
  }

  /**
   * Opens a watch and hands every line of its stream to {@code lines}; completes once the response
   * head arrived with status 200, and fails otherwise.
   */
  CompletableFuture<HttpClientResponse> watch(String uri, WatchLines.LineHandler lines) {
    Future<HttpClientResponse> opened = onContext(() -> watchRequest(uri, lines));
    return opened.toCompletionStage().toCompletableFuture();
  }

  private Future<HttpClientResponse> watchRequest(String uri, WatchLines.LineHandler lines) {
    return http.request(request(HttpMethod.GET, uri))
        .compose(request -> request.send())
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return response
                    .body()
                    .compose(
                        b ->
                            Future.failedFuture(
                                "watch " + uri + ": " + response.statusCode() + " " + snippet(b)));
              }
              response.handler(new WatchLines(lines));
              return Future.succeededFuture(response);
            });
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (context == null) {
      return action.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  private RequestOptions request(HttpMethod method, String uri) {
    return new RequestOptions()
        .setMethod(method)
        .setURI(uri)
        .putHeader("Authorization", authorization)
        .putHeader("Accept", "application/json")
        .putHeader("Content-Type", "application/json");
  }

  private static String snippet(Buffer body) {
    String text = body.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  @Override
  public void close() {
    http.close().toCompletionStage().toCompletableFuture().join();
  }
}

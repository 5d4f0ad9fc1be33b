package io.bosun.controller.client.internal;

import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.config.ClusterConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends requests to one apiserver: the WebClient for request and response, its HttpClient (the same
 * connection pool) for watch streams. Adds the credentials, retries what may be retried, and turns
 * failures into the client's exceptions.
 */
public final class HttpTransport implements AutoCloseable {
  private static final double RETRY_JITTER = 0.2;

  private final ClusterConfig config;
  private final ClientOptions options;
  private final HttpClient http;
  private final WebClient web;
  private final Credentials credentials;
  private final String base;

  public HttpTransport(Vertx vertx, ClusterConfig config, ClientOptions options) {
    this.config = config;
    this.options = options;
    this.credentials = new Credentials(config);
    URI server = config.server();
    String path = server.getRawPath() == null ? "" : server.getRawPath();
    this.base =
        server.getScheme()
            + "://"
            + server.getRawAuthority()
            + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    HttpClientOptions http = Tls.configure(new HttpClientOptions(), config);
    boolean tls = "https".equals(server.getScheme());
    if (options.http2() && tls) {
      http.setProtocolVersion(HttpVersion.HTTP_2)
          .setUseAlpn(true)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
    http.setHttp2MaxPoolSize(options.http2Connections())
        .setMaxPoolSize(options.http1Connections())
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setTcpKeepAlive(true)
        .setKeepAlive(true);
    this.http = vertx.createHttpClient(http);
    this.web = WebClient.wrap(this.http, new WebClientOptions().setUserAgent(options.userAgent()));
  }

  /** The server's base URL, without a trailing slash. */
  public String base() {
    return base;
  }

  /** Where the configuration came from, for messages. */
  public ClusterConfig config() {
    return config;
  }

  /**
   * Sends one request and returns the body of a 2xx answer; any other answer fails with the
   * matching {@code ApiException}.
   */
  public Uni<byte[]> send(ApiRequest request) {
    Uni<byte[]> attempt =
        Uni.createFrom()
            .deferred(
                () -> {
                  HttpRequest<io.vertx.mutiny.core.buffer.Buffer> r =
                      web.requestAbs(request.method(), base + request.path())
                          .timeout(options.requestTimeout().toMillis())
                          .putHeader("Accept", "application/json");
                  request.query().forEach(p -> r.addQueryParam(p.getKey(), p.getValue()));
                  credentials.header().ifPresent(h -> r.putHeader("Authorization", h));
                  Uni<
                          io.vertx.mutiny.ext.web.client.HttpResponse<
                              io.vertx.mutiny.core.buffer.Buffer>>
                      sent;
                  if (request.body() == null) {
                    sent = r.send();
                  } else {
                    r.putHeader("Content-Type", request.contentType());
                    sent = r.sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(request.body()));
                  }
                  return sent.map(
                      response -> {
                        byte[] body =
                            response.body() == null ? new byte[0] : response.body().getBytes();
                        if (response.statusCode() / 100 != 2) {
                          throw Errors.fromResponse(response.statusCode(), body);
                        }
                        return body;
                      });
                });
    if (options.readRetries() > 0) {
      boolean read = request.method() == HttpMethod.GET;
      attempt =
          attempt
              .onFailure(read ? Errors::retryableRead : Errors::retryableWrite)
              .retry()
              .withBackOff(options.retryInitialBackoff(), options.retryMaxBackoff())
              .withJitter(RETRY_JITTER)
              .atMost(options.readRetries());
    }
    return attempt
        .onFailure()
        .transform(e -> Errors.transport(e, config.server(), config.source()));
  }

  /**
   * Opens a streaming GET (a watch) and emits its body line by line. Cancelling the {@code Multi}
   * resets the stream; a non-200 answer fails it with the matching {@code ApiException}.
   */
  public Multi<Buffer> streamLines(ApiRequest request) {
    return Multi.createFrom()
        .<Buffer>emitter(
            emitter -> {
              AtomicBoolean finished = new AtomicBoolean();
              RequestOptions ro =
                  new RequestOptions()
                      .setMethod(request.method())
                      .setAbsoluteURI(base + request.path() + request.encodedQuery())
                      .putHeader("Accept", "application/json")
                      .putHeader("User-Agent", options.userAgent())
                      .setConnectTimeout(options.connectTimeout().toMillis());
              credentials.header().ifPresent(h -> ro.putHeader("Authorization", h));
              http.getDelegate()
                  .request(ro)
                  .compose(HttpClientRequest::send)
                  .onComplete(
                      ar -> {
                        if (ar.failed()) {
                          finished.set(true);
                          emitter.fail(
                              Errors.transport(ar.cause(), config.server(), config.source()));
                          return;
                        }
                        HttpClientResponse response = ar.result();
                        try {
                          // A reset stream reports an exception; after a cancellation nobody
                          // wants it.
                          response.exceptionHandler(e -> {});
                        } catch (IllegalStateException ended) {
                          // This callback runs on the request's context, a task behind the
                          // connection's: a short answer (a 410 for a compacted version) may
                          // have ended before it, its body unread. Its status still tells.
                          finished.set(true);
                          if (response.statusCode() != 200) {
                            emitter.fail(Errors.fromResponse(response.statusCode(), null));
                          } else {
                            emitter.complete();
                          }
                          return;
                        }
                        if (emitter.isCancelled()) {
                          finished.set(true);
                          response.request().reset();
                          return;
                        }
                        emitter.onCancellation(
                            () -> {
                              if (finished.compareAndSet(false, true)) {
                                response.request().reset();
                              }
                            });
                        if (response.statusCode() != 200) {
                          response
                              .body()
                              .onComplete(
                                  body -> {
                                    finished.set(true);
                                    emitter.fail(
                                        Errors.fromResponse(
                                            response.statusCode(),
                                            body.succeeded() ? body.result().getBytes() : null));
                                  });
                          return;
                        }
                        RecordParser lines = RecordParser.newDelimited("\n", response);
                        lines.exceptionHandler(
                            e -> {
                              if (finished.compareAndSet(false, true)) {
                                emitter.fail(Errors.transport(e, config.server(), config.source()));
                              }
                            });
                        lines.endHandler(
                            v -> {
                              if (finished.compareAndSet(false, true)) {
                                emitter.complete();
                              }
                            });
                        lines.handler(emitter::emit);
                      });
            });
  }

  /** Closes the connections; requests still in flight fail. */
  @Override
  public void close() {
    http.close().subscribe().with(v -> {}, e -> {});
  }
}

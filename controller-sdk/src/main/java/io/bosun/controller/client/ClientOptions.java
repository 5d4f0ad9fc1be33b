package io.bosun.controller.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client talks to the apiserver: timeouts, retries of reads, and the HTTP connections.
 *
 * @param requestTimeout how long a request other than a watch may wait for its response. Defaults
 *     to 30 seconds.
 * @param connectTimeout how long opening a connection may take. Defaults to 10 seconds.
 * @param readRetries how often a read (get, list) is retried after a connection failure, a 429 or a
 *     5xx answer; a write is retried as often, but only after a 429 (refused unread). Defaults to
 *     {@value #DEFAULT_READ_RETRIES}.
 * @param retryInitialBackoff the wait before the first retry, doubled for each further one.
 *     Defaults to 100 milliseconds.
 * @param retryMaxBackoff the longest wait between retries. Defaults to 2 seconds.
 * @param http2 whether to offer HTTP/2 (negotiated by ALPN over TLS), which carries all requests
 *     and watches over few connections; otherwise pooled HTTP/1.1 connections. Defaults to true.
 * @param http2Connections the most HTTP/2 connections to one server. Defaults to {@value
 *     #DEFAULT_HTTP2_CONNECTIONS}.
 * @param http1Connections the most HTTP/1.1 connections to one server; each watch holds one.
 *     Defaults to {@value #DEFAULT_HTTP1_CONNECTIONS}.
 * @param userAgent the User-Agent header. Defaults to {@value #DEFAULT_USER_AGENT}.
 */
public record ClientOptions(
    Duration requestTimeout,
    Duration connectTimeout,
    int readRetries,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    boolean http2,
    int http2Connections,
    int http1Connections,
    String userAgent) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_READ_RETRIES = 5;
  public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(2);
  public static final boolean DEFAULT_HTTP2 = true;
  public static final int DEFAULT_HTTP2_CONNECTIONS = 4;
  public static final int DEFAULT_HTTP1_CONNECTIONS = 64;
  public static final String DEFAULT_USER_AGENT = "bosun-controller-sdk";

  /** The defaults. */
  public static final ClientOptions DEFAULTS = builder().build();

  public ClientOptions {
    positive(requestTimeout, "requestTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(retryInitialBackoff, "retryInitialBackoff");
    positive(retryMaxBackoff, "retryMaxBackoff");
    Objects.requireNonNull(userAgent, "userAgent");
    if (readRetries < 0) {
      throw new IllegalArgumentException("readRetries must not be negative: " + readRetries);
    }
    if (http2Connections < 1 || http1Connections < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ClientOptions}; each setting starts at its default. */
  public static final class Builder {
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int readRetries = DEFAULT_READ_RETRIES;
    private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
    private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
    private boolean http2 = DEFAULT_HTTP2;
    private int http2Connections = DEFAULT_HTTP2_CONNECTIONS;
    private int http1Connections = DEFAULT_HTTP1_CONNECTIONS;
    private String userAgent = DEFAULT_USER_AGENT;

    private Builder() {}

    /** See {@link ClientOptions#requestTimeout()}. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** See {@link ClientOptions#connectTimeout()}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** See {@link ClientOptions#readRetries()}. */
    public Builder readRetries(int retries) {
      this.readRetries = retries;
      return this;
    }

    /**
     * See {@link ClientOptions#retryInitialBackoff()} and {@link ClientOptions#retryMaxBackoff()}.
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.retryInitialBackoff = initial;
      this.retryMaxBackoff = max;
      return this;
    }

    /** See {@link ClientOptions#http2()}. */
    public Builder http2(boolean http2) {
      this.http2 = http2;
      return this;
    }

    /** See {@link ClientOptions#http2Connections()}. */
    public Builder http2Connections(int connections) {
      this.http2Connections = connections;
      return this;
    }

    /** See {@link ClientOptions#http1Connections()}. */
    public Builder http1Connections(int connections) {
      this.http1Connections = connections;
      return this;
    }

    /** See {@link ClientOptions#userAgent()}. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** The options. */
    public ClientOptions build() {
      return new ClientOptions(
          requestTimeout,
          connectTimeout,
          readRetries,
          retryInitialBackoff,
          retryMaxBackoff,
          http2,
          http2Connections,
          http1Connections,
          userAgent);
    }
  }
}

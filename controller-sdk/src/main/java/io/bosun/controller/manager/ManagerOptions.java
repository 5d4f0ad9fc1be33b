package io.bosun.controller.manager;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Manager} starts, stops and reports on itself.
 *
 * @param cacheSyncTimeout how long the informers may take to list their kinds before {@link
 *     Manager#start()} fails. Defaults to 2 minutes.
 * @param gracefulShutdownTimeout how long {@link Manager#stop()} waits for in-flight reconciles
 *     before it stops the informers anyway. Defaults to 30 seconds.
 * @param healthPort the port of the health endpoint ({@code /healthz}, {@code /readyz}, {@code
 *     /metrics}); {@value #HEALTH_DISABLED} for none, 0 for any free port. Defaults to {@value
 *     #HEALTH_DISABLED}.
 * @param healthHost the address the health endpoint listens on. Defaults to {@value
 *     #DEFAULT_HEALTH_HOST}.
 */
public record ManagerOptions(
    Duration cacheSyncTimeout,
    Duration gracefulShutdownTimeout,
    int healthPort,
    String healthHost) {

  public static final Duration DEFAULT_CACHE_SYNC_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** The {@link #healthPort()} that turns the health endpoint off. */
  public static final int HEALTH_DISABLED = -1;

  public static final String DEFAULT_HEALTH_HOST = "0.0.0.0";

  /** The defaults. */
  public static final ManagerOptions DEFAULTS = builder().build();

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a duration is not positive or the port is out of range
   */
  public ManagerOptions {
    Objects.requireNonNull(cacheSyncTimeout, "cacheSyncTimeout");
    Objects.requireNonNull(gracefulShutdownTimeout, "gracefulShutdownTimeout");
    Objects.requireNonNull(healthHost, "healthHost");
    if (cacheSyncTimeout.isNegative() || cacheSyncTimeout.isZero()) {
      throw new IllegalArgumentException("cacheSyncTimeout must be positive");
    }
    if (gracefulShutdownTimeout.isNegative() || gracefulShutdownTimeout.isZero()) {
      throw new IllegalArgumentException("gracefulShutdownTimeout must be positive");
    }
    if (healthPort < HEALTH_DISABLED || healthPort > 65535) {
      throw new IllegalArgumentException("healthPort must be -1 or a port: " + healthPort);
    }
  }

  /** Whether the health endpoint is on. */
  public boolean healthEnabled() {
    return healthPort != HEALTH_DISABLED;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder()
        .cacheSyncTimeout(cacheSyncTimeout)
        .gracefulShutdownTimeout(gracefulShutdownTimeout)
        .health(healthHost, healthPort);
  }

  /** Builds {@link ManagerOptions}; each setting starts at its default. */
  public static final class Builder {
    private Duration cacheSyncTimeout = DEFAULT_CACHE_SYNC_TIMEOUT;
    private Duration gracefulShutdownTimeout = DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT;
    private int healthPort = HEALTH_DISABLED;
    private String healthHost = DEFAULT_HEALTH_HOST;

    private Builder() {}

    /** See {@link ManagerOptions#cacheSyncTimeout()}. */
    public Builder cacheSyncTimeout(Duration timeout) {
      this.cacheSyncTimeout = timeout;
      return this;
    }

    /** See {@link ManagerOptions#gracefulShutdownTimeout()}. */
    public Builder gracefulShutdownTimeout(Duration timeout) {
      this.gracefulShutdownTimeout = timeout;
      return this;
    }

    /** Serves the health endpoint on {@code port} (0: any free port) of {@code host}. */
    public Builder health(String host, int port) {
      this.healthHost = host;
      this.healthPort = port;
      return this;
    }

    /** Serves the health endpoint on {@code port} (0: any free port) of every address. */
    public Builder healthPort(int port) {
      this.healthPort = port;
      return this;
    }

    /** The options; checks them. */
    public ManagerOptions build() {
      return new ManagerOptions(cacheSyncTimeout, gracefulShutdownTimeout, healthPort, healthHost);
    }
  }
}

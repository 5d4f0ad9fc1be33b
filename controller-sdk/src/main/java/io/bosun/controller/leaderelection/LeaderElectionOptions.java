package io.bosun.controller.leaderelection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Which Lease the candidates of one controller deployment contend for, and its timing (client-go's
 * defaults and rules).
 *
 * @param leaseNamespace the namespace of the coordination.k8s.io/v1 Lease
 * @param leaseName the Lease's name, shared by every replica of the deployment
 * @param identity this candidate's holder identity, unique among the candidates. Defaults to the
 *     host name, an underscore and a random UUID.
 * @param leaseDuration how long a standby waits, after it last saw the Lease change, before it
 *     takes the Lease over; written into the Lease, rounded up to whole seconds. Defaults to 15
 *     seconds.
 * @param renewDeadline how long the leader keeps trying to renew before it steps down; shorter than
 *     the lease duration, so that it stops before a standby may take over. Defaults to 10 seconds.
 * @param retryPeriod the wait between attempts; a standby adds up to {@value #JITTER_FACTOR} times
 *     this again at random. Defaults to 2 seconds.
 * @param releaseOnStop whether a leader that stops empties the Lease's holder, so that a standby
 *     takes over at its next attempt rather than after the lease duration. Defaults to true.
 */
public record LeaderElectionOptions(
    String leaseNamespace,
    String leaseName,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean releaseOnStop) {

  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
  public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

  /** The most a standby adds to the retry period, as a multiple of it (client-go's). */
  public static final double JITTER_FACTOR = 1.2;

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException unless leaseDuration &gt; renewDeadline &gt; {@value
   *     #JITTER_FACTOR} &times; retryPeriod &gt; 0, and the names are not empty
   */
  public LeaderElectionOptions {
    requireText(leaseNamespace, "leaseNamespace");
    requireText(leaseName, "leaseName");
    requireText(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be positive: " + retryPeriod);
    }
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException(
          "leaseDuration (" + leaseDuration + ") must be longer than renewDeadline");
    }
    if (renewDeadline.toNanos() <= JITTER_FACTOR * retryPeriod.toNanos()) {
      throw new IllegalArgumentException(
          "renewDeadline (" + renewDeadline + ") must be longer than 1.2 x retryPeriod");
    }
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  /** The lease duration in the Lease's whole seconds, rounded up. */
  public int leaseDurationSeconds() {
    long seconds = leaseDuration.toSeconds() + (leaseDuration.toNanosPart() == 0 ? 0 : 1);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
  }

  /** A builder for the Lease {@code namespace/name}, every other setting at its default. */
  public static Builder builder(String leaseNamespace, String leaseName) {
    return new Builder(leaseNamespace, leaseName);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(leaseNamespace, leaseName)
        .identity(identity)
        .timing(leaseDuration, renewDeadline, retryPeriod)
        .releaseOnStop(releaseOnStop);
  }

  /** A unique identity: this host's name, an underscore and a random UUID. */
  public static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "_" + UUID.randomUUID();
  }

  /** Builds {@link LeaderElectionOptions}; each setting starts at its default. */
  public static final class Builder {
    private final String leaseNamespace;
    private final String leaseName;
    private String identity;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Duration renewDeadline = DEFAULT_RENEW_DEADLINE;
    private Duration retryPeriod = DEFAULT_RETRY_PERIOD;
    private boolean releaseOnStop = true;

    private Builder(String leaseNamespace, String leaseName) {
      this.leaseNamespace = leaseNamespace;
      this.leaseName = leaseName;
    }

    /** See {@link LeaderElectionOptions#identity()}. */
    public Builder identity(String identity) {
      this.identity = identity;
      return this;
    }

    /**
     * See {@link LeaderElectionOptions#leaseDuration()}, {@link
     * LeaderElectionOptions#renewDeadline()} and {@link LeaderElectionOptions#retryPeriod()}.
     */
    public Builder timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      this.leaseDuration = leaseDuration;
      this.renewDeadline = renewDeadline;
      this.retryPeriod = retryPeriod;
      return this;
    }

    /** See {@link LeaderElectionOptions#releaseOnStop()}. */
    public Builder releaseOnStop(boolean releaseOnStop) {
      this.releaseOnStop = releaseOnStop;
      return this;
    }

    /** The options; checks them. */
    public LeaderElectionOptions build() {
      return new LeaderElectionOptions(
          leaseNamespace,
          leaseName,
          identity != null ? identity : defaultIdentity(),
          leaseDuration,
          renewDeadline,
          retryPeriod,
          releaseOnStop);
    }
  }
}

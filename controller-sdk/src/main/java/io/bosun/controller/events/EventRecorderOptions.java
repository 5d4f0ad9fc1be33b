package io.bosun.controller.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Who records events, through which API, and how repeats are aggregated and rate-limited (the
 * defaults are client-go's).
 *
 * @param reportingController the controller that reports, such as {@code bosun.io/site-controller}
 * @param reportingInstance the replica that reports. Defaults to the host name.
 * @param api the Events API written to. Defaults to {@link Api#CORE_V1}.
 * @param seriesWindow how long after its last occurrence a repeat still counts into an event rather
 *     than making a new one. Defaults to 6 minutes.
 * @param seriesRefreshInterval how often counts of repeats after the second are written (the second
 *     is written at once). Defaults to 30 minutes.
 * @param burst how many new events one object may get at once. Defaults to {@value #DEFAULT_BURST}.
 * @param refillInterval how long one object waits for each further new event once its burst is
 *     spent. Defaults to 5 minutes.
 */
public record EventRecorderOptions(
    String reportingController,
    String reportingInstance,
    Api api,
    Duration seriesWindow,
    Duration seriesRefreshInterval,
    int burst,
    Duration refillInterval) {

  /** Which Events API the recorder writes. */
  public enum Api {
    /**
     * core/v1 Events ({@code involvedObject}, {@code message}, {@code count}): what {@code kubectl
     * describe} and {@code kubectl get events} read. Kubernetes serves the same events through both
     * APIs; Bosun stores them apart, so this is the one its users see.
     */
    CORE_V1,
    /** events.k8s.io/v1 Events ({@code regarding}, {@code note}, {@code series}). */
    EVENTS_V1
  }

  public static final Duration DEFAULT_SERIES_WINDOW = Duration.ofMinutes(6);
  public static final Duration DEFAULT_SERIES_REFRESH_INTERVAL = Duration.ofMinutes(30);
  public static final int DEFAULT_BURST = 25;
  public static final Duration DEFAULT_REFILL_INTERVAL = Duration.ofMinutes(5);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a name is empty, a duration not positive, or the burst
   *     below 1
   */
  public EventRecorderOptions {
    Objects.requireNonNull(reportingController, "reportingController");
    Objects.requireNonNull(reportingInstance, "reportingInstance");
    Objects.requireNonNull(api, "api");
    if (reportingController.isEmpty() || reportingInstance.isEmpty()) {
      throw new IllegalArgumentException("reportingController and reportingInstance are required");
    }
    for (Duration d : new Duration[] {seriesWindow, seriesRefreshInterval, refillInterval}) {
      Objects.requireNonNull(d, "durations must not be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
  }

  /** A builder for events reported by {@code reportingController}, the rest at its defaults. */
  public static Builder builder(String reportingController) {
    return new Builder(reportingController);
  }

  /** Builds {@link EventRecorderOptions}; each setting starts at its default. */
  public static final class Builder {
    private final String reportingController;
    private String reportingInstance;
    private Api api = Api.CORE_V1;
    private Duration seriesWindow = DEFAULT_SERIES_WINDOW;
    private Duration seriesRefreshInterval = DEFAULT_SERIES_REFRESH_INTERVAL;
    private int burst = DEFAULT_BURST;
    private Duration refillInterval = DEFAULT_REFILL_INTERVAL;

    private Builder(String reportingController) {
      this.reportingController = reportingController;
    }

    /** See {@link EventRecorderOptions#reportingInstance()}. */
    public Builder reportingInstance(String instance) {
      this.reportingInstance = instance;
      return this;
    }

    /** See {@link EventRecorderOptions#api()}. */
    public Builder api(Api api) {
      this.api = api;
      return this;
    }

    /**
     * See {@link EventRecorderOptions#seriesWindow()} and {@link
     * EventRecorderOptions#seriesRefreshInterval()}.
     */
    public Builder series(Duration window, Duration refreshInterval) {
      this.seriesWindow = window;
      this.seriesRefreshInterval = refreshInterval;
      return this;
    }

    /**
     * See {@link EventRecorderOptions#burst()} and {@link EventRecorderOptions#refillInterval()}.
     */
    public Builder rateLimit(int burst, Duration refillInterval) {
      this.burst = burst;
      this.refillInterval = refillInterval;
      return this;
    }

    /** The options; checks them. */
    public EventRecorderOptions build() {
      return new EventRecorderOptions(
          reportingController,
          reportingInstance != null ? reportingInstance : hostName(),
          api,
          seriesWindow,
          seriesRefreshInterval,
          burst,
          refillInterval);
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown-host";
      }
    }
  }
}

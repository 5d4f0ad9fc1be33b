package io.bosun.agent.logs;

import java.time.Instant;

/**
 * What to read of a container's log: the query parameters of the {@code pods/log} subresource, as
 * {@code kubectl logs} sends them.
 *
 * @param container the container, or null for a pod's only container
 * @param follow keep streaming until the container stops ({@code -f})
 * @param previous the run before the current one ({@code --previous})
 * @param tailLines only the last lines, or null for all ({@code --tail})
 * @param sinceSeconds only lines newer than this many seconds, or null ({@code --since})
 * @param sinceTime only lines at or after this time, or null; wins over sinceSeconds
 * @param timestamps prefix each line with its RFC 3339 time ({@code --timestamps})
 * @param limitBytes stop after this many bytes, or null ({@code --limit-bytes})
 */
public record LogOptions(
    String container,
    boolean follow,
    boolean previous,
    Long tailLines,
    Long sinceSeconds,
    Instant sinceTime,
    boolean timestamps,
    Long limitBytes) {

  /** The whole log of the only container, not followed. */
  public static final LogOptions DEFAULTS = builder().build();

  /**
   * Checks the values as the apiserver validates PodLogOptions.
   *
   * @throws IllegalArgumentException if a count is negative or limitBytes/sinceSeconds not positive
   */
  public LogOptions {
    if (tailLines != null && tailLines < 0) {
      throw new IllegalArgumentException("tailLines must be greater than or equal to 0");
    }
    if (sinceSeconds != null && sinceSeconds < 1) {
      throw new IllegalArgumentException("sinceSeconds must be greater than 0");
    }
    if (limitBytes != null && limitBytes < 1) {
      throw new IllegalArgumentException("limitBytes must be greater than 0");
    }
  }

  /** A builder starting from {@link #DEFAULTS}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LogOptions}; every field starts at its default. */
  public static final class Builder {
    private String container;
    private boolean follow;
    private boolean previous;
    private Long tailLines;
    private Long sinceSeconds;
    private Instant sinceTime;
    private boolean timestamps;
    private Long limitBytes;

    private Builder() {}

    /** The container. Defaults to null: the pod's only container. */
    public Builder container(String container) {
      this.container = container;
      return this;
    }

    /** Whether to follow. Defaults to false. */
    public Builder follow(boolean follow) {
      this.follow = follow;
      return this;
    }

    /** Whether to read the previous run. Defaults to false. */
    public Builder previous(boolean previous) {
      this.previous = previous;
      return this;
    }

    /** How many lines from the end. Defaults to null: all. */
    public Builder tailLines(Long tailLines) {
      this.tailLines = tailLines;
      return this;
    }

    /** How many seconds back. Defaults to null: from the start. */
    public Builder sinceSeconds(Long sinceSeconds) {
      this.sinceSeconds = sinceSeconds;
      return this;
    }

    /** From when. Defaults to null: from the start. */
    public Builder sinceTime(Instant sinceTime) {
      this.sinceTime = sinceTime;
      return this;
    }

    /** Whether to prefix lines with their time. Defaults to false. */
    public Builder timestamps(boolean timestamps) {
      this.timestamps = timestamps;
      return this;
    }

    /** How many bytes at most. Defaults to null: no limit. */
    public Builder limitBytes(Long limitBytes) {
      this.limitBytes = limitBytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public LogOptions build() {
      return new LogOptions(
          container, follow, previous, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes);
    }
  }
}

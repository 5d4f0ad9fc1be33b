package io.bosun.controller.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What an informer watches and how it keeps up.
 *
 * @param namespace the namespace to watch, or null for all namespaces (and for cluster-scoped
 *     kinds). Defaults to null.
 * @param labelSelector a label selector such as {@code app=web}, or null for all objects. Defaults
 *     to null.
 * @param fieldSelector a field selector such as {@code metadata.name=x}, or null. Defaults to null.
 * @param pageSize how many objects each list request asks for. Defaults to {@value
 *     #DEFAULT_PAGE_SIZE}.
 * @param transform applied to each object before it is cached and handed to handlers. Defaults to
 *     {@link CacheTransforms#STRIP_MANAGED_FIELDS}.
 * @param initialBackoff the wait before retrying after the server could not be reached, doubled on
 *     each failure in a row. Defaults to 200 milliseconds.
 * @param maxBackoff the longest such wait. Defaults to 30 seconds.
 * @param watchTimeout the shortest lifetime of one watch request; each asks the server for a random
 *     lifetime between this and twice this, then resumes, so that connections move between
 *     apiservers. Defaults to 5 minutes.
 */
public record InformerOptions(
    String namespace,
    String labelSelector,
    String fieldSelector,
    long pageSize,
    UnaryOperator<ObjectNode> transform,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration watchTimeout) {

  public static final long DEFAULT_PAGE_SIZE = 500;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_WATCH_TIMEOUT = Duration.ofMinutes(5);

  /** All namespaces, all objects, default settings. */
  public static final InformerOptions DEFAULTS = builder().build();

  public InformerOptions {
    namespace = emptyToNull(namespace);
    labelSelector = emptyToNull(labelSelector);
    fieldSelector = emptyToNull(fieldSelector);
    Objects.requireNonNull(transform, "transform");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, watchTimeout}) {
      Objects.requireNonNull(d, "durations must not be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (watchTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("watchTimeout must be at least a second: " + watchTimeout);
    }
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** The defaults, for one namespace. */
  public static InformerOptions inNamespace(String namespace) {
    return builder().namespace(Objects.requireNonNull(namespace, "namespace")).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.labelSelector = labelSelector;
    b.fieldSelector = fieldSelector;
    b.pageSize = pageSize;
    b.transform = transform;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.watchTimeout = watchTimeout;
    return b;
  }

  /** Builds {@link InformerOptions}; each setting starts at its default. */
  public static final class Builder {
    private String namespace;
    private String labelSelector;
    private String fieldSelector;
    private long pageSize = DEFAULT_PAGE_SIZE;
    private UnaryOperator<ObjectNode> transform = CacheTransforms.STRIP_MANAGED_FIELDS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration watchTimeout = DEFAULT_WATCH_TIMEOUT;

    private Builder() {}

    /** See {@link InformerOptions#namespace()}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** See {@link InformerOptions#labelSelector()}. */
    public Builder labelSelector(String selector) {
      this.labelSelector = selector;
      return this;
    }

    /** See {@link InformerOptions#fieldSelector()}. */
    public Builder fieldSelector(String selector) {
      this.fieldSelector = selector;
      return this;
    }

    /** See {@link InformerOptions#pageSize()}. */
    public Builder pageSize(long pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** See {@link InformerOptions#transform()}. */
    public Builder transform(UnaryOperator<ObjectNode> transform) {
      this.transform = transform;
      return this;
    }

    /** See {@link InformerOptions#initialBackoff()} and {@link InformerOptions#maxBackoff()}. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** See {@link InformerOptions#watchTimeout()}. */
    public Builder watchTimeout(Duration timeout) {
      this.watchTimeout = timeout;
      return this;
    }

    /** The options. */
    public InformerOptions build() {
      return new InformerOptions(
          namespace,
          labelSelector,
          fieldSelector,
          pageSize,
          transform,
          initialBackoff,
          maxBackoff,
          watchTimeout);
    }
  }
}

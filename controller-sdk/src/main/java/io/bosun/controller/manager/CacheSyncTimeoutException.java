package io.bosun.controller.manager;

import java.time.Duration;
import java.util.List;

/** {@link Manager#start()} failed: some informers had not listed their kinds within the timeout. */
public final class CacheSyncTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> informers;

  /** The informers named in {@code informers} did not sync within {@code timeout}. */
  public CacheSyncTimeoutException(Duration timeout, List<String> informers) {
    super("informers did not sync within " + timeout + ": " + String.join(", ", informers));
    this.informers = List.copyOf(informers);
  }

  /** The informers that had not synced, by kind and namespace. */
  public List<String> informers() {
    return informers;
  }
}

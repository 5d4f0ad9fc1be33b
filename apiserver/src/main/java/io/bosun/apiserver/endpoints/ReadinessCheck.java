package io.bosun.apiserver.endpoints;

/** Tells {@code /readyz} whether the apiserver can serve requests (storage has started). */
@FunctionalInterface
public interface ReadinessCheck {
  /** Returns whether the apiserver is ready. */
  boolean ready();
}

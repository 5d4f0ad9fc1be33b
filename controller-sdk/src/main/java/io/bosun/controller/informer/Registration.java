package io.bosun.controller.informer;

/** A handler's registration with an informer; {@link #remove()} stops its deliveries. */
public interface Registration {

  /** Stops delivering events (and resyncs) to the handler. Idempotent. */
  void remove();
}

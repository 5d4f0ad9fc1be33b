package io.bosun.controller.reconcile;

import io.smallrye.mutiny.Uni;

/**
 * Brings one object's actual state towards its desired state. Called with a {@link Request} (a key,
 * not an event): read the current state, act, and return a {@link Result}. A failed {@code Uni} is
 * retried with per-key exponential back-off. Never called twice at once for one request.
 */
@FunctionalInterface
public interface Reconciler {

  /** Reconciles the object named by {@code request}. */
  Uni<Result> reconcile(Request request);
}

package io.bosun.controller.reconcile;

import io.smallrye.mutiny.Uni;

/**
 * Brings one object's actual state towards its desired state. Called with a {@link Request} (a key,
 * not an event): read the current state, act, and return a {@link Result}. A failed {@code Uni} is
 * retried with per-key exponential back-off, unless it failed with a {@link TerminalException}.
 * Never called twice at once for one request.
 *
 * <p>{@code reconcile} is called on an event-loop thread: it must return its {@code Uni} at once
 * and do its work inside it, never block. The controller warns when it does not.
 */
@FunctionalInterface
public interface Reconciler {

  /** Reconciles the object named by {@code request}. */
  Uni<Result> reconcile(Request request);
}

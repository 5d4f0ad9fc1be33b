/**
 * The reconciler contract: a {@link io.bosun.controller.reconcile.Reconciler} receives a {@link
 * io.bosun.controller.reconcile.Request} (only a namespace and a name: state is read, never carried
 * in the event) and answers with a {@link io.bosun.controller.reconcile.Result} or a failure, which
 * is retried unless it is a {@link io.bosun.controller.reconcile.TerminalException}.
 */
package io.bosun.controller.reconcile;

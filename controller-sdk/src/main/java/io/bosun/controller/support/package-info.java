/**
 * Helpers for reconcilers: {@link io.bosun.controller.support.Finalizers} (add before the first
 * reconcile, remove after clean-up, without clobbering concurrent writers), {@link
 * io.bosun.controller.support.StatusPatch} (merge patch of the difference, or server-side apply, on
 * {@code /status}), {@link io.bosun.controller.support.OwnerReferences} (controller references with
 * Kubernetes' rules) and {@link io.bosun.controller.support.ReadYourWrites} (clients whose writes
 * show in the informer cache at once).
 */
package io.bosun.controller.support;

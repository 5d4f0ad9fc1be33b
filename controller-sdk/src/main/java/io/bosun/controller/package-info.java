/**
 * The controller SDK: write a level-based controller for any Kubernetes apiserver.
 *
 * <p>One package per concept: the reconciler contract ({@link io.bosun.controller.reconcile}), a
 * reactive client over the Vert.x WebClient ({@link io.bosun.controller.client}), where it finds
 * its cluster ({@link io.bosun.controller.config}), shared informers with their caches ({@link
 * io.bosun.controller.informer}), the work queue ({@link io.bosun.controller.queue}), where events
 * come from ({@link io.bosun.controller.source}), filters on them ({@link
 * io.bosun.controller.predicate}), how they map to requests ({@link io.bosun.controller.handler}),
 * controllers with their builder ({@link io.bosun.controller.runtime}), the manager that runs them
 * ({@link io.bosun.controller.manager}) with leader election ({@link
 * io.bosun.controller.leaderelection}), helpers for reconcilers ({@link
 * io.bosun.controller.support}) and Events ({@link io.bosun.controller.events}).
 */
package io.bosun.controller;

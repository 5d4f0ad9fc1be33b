/**
 * The controller SDK: write a level-based controller for any Kubernetes apiserver.
 *
 * <p>One package per concept: the reconciler contract ({@link io.bosun.controller.reconcile}), a
 * reactive client over the Vert.x WebClient ({@link io.bosun.controller.client}), where it finds
 * its cluster ({@link io.bosun.controller.config}), and shared informers with their caches ({@link
 * io.bosun.controller.informer}). A deduplicating work queue with per-key back-off, the controller
 * builder ({@code Controller.forResource(...).owns(...).watches(...)}) and the manager that runs
 * controllers with leader election sit beside them.
 */
package io.bosun.controller;

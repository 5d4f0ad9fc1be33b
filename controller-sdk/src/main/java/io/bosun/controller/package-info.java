/**
 * The controller SDK: write a level-based controller for any Kubernetes apiserver.
 *
 * <p>One package per concept: the reconciler contract ({@link io.bosun.controller.reconcile}), the
 * work queue ({@link io.bosun.controller.queue}), where events come from ({@link
 * io.bosun.controller.source}), filters on them ({@link io.bosun.controller.predicate}), how they
 * map to requests ({@link io.bosun.controller.handler}), and controllers with their builder ({@link
 * io.bosun.controller.runtime}). The reactive client, the shared informers (which implement {@link
 * io.bosun.controller.source.EventSources}) and the manager with leader election sit beside them.
 */
package io.bosun.controller;

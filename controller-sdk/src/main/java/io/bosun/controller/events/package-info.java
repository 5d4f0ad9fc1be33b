/**
 * Kubernetes Events for reconcilers: {@link io.bosun.controller.events.EventRecorder} writes
 * core/v1 or events.k8s.io/v1 Events about objects, aggregating repeats into counts and
 * rate-limiting new events per object as Kubernetes' recorders do.
 */
package io.bosun.controller.events;

/**
 * Where a controller's events come from: an {@link io.bosun.controller.source.EventSource} delivers
 * {@link io.bosun.controller.source.ResourceEvent}s for one kind, and {@link
 * io.bosun.controller.source.EventSources} finds the source for a kind. Shared informers implement
 * these interfaces; controllers only register handlers, so one list and watch per kind serves any
 * number of controllers.
 */
package io.bosun.controller.source;

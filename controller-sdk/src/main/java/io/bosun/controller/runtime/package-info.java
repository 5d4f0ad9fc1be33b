/**
 * Controllers: build one with {@link io.bosun.controller.runtime.Controller#forResource}, naming
 * the primary kind, the kinds it {@code owns} and the kinds it {@code watches}, its predicates and
 * its {@link io.bosun.controller.runtime.ControllerOptions}; then start it with the process's event
 * sources. Registration is explicit: no classpath scanning, no reflection on user types.
 */
package io.bosun.controller.runtime;

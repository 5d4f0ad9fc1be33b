/**
 * The engine behind {@link io.bosun.controller.runtime.Controller}: the reconcile loop, the one
 * place that handles outcomes, the watches that turn events into requests, and the metrics. Not for
 * use outside this module.
 */
package io.bosun.controller.runtime.internal;

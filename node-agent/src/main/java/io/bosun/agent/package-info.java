/**
 * The node agent (not written yet): registers a Node, heartbeats its Lease, runs the containers of
 * the pods bound to it as host processes behind a runtime interface, reports their status, and
 * proxies Services to ready endpoints.
 */
package io.bosun.agent;

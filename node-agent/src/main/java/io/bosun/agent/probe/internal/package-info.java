/** Probe and hook checks: commands beside a container, HTTP GETs and TCP connections. */
package io.bosun.agent.probe.internal;

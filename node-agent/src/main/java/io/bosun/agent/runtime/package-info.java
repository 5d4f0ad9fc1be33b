/**
 * The container runtime boundary: {@link io.bosun.agent.runtime.ContainerRuntime} starts, stops,
 * execs into and reattaches containers described by a resolved {@link
 * io.bosun.agent.runtime.ContainerConfig}; the process runtime is its first implementation.
 */
package io.bosun.agent.runtime;

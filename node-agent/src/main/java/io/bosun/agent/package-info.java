/**
 * The node agent, Bosun's kubelet. {@link io.bosun.agent.NodeAgent} registers the Node, heartbeats
 * its Lease, runs the pods bound to it through the pod runtime ({@link
 * io.bosun.agent.pod.PodRuntime}: host processes behind a container runtime interface, {@link
 * io.bosun.agent.runtime.ContainerRuntime}, with an image catalog, a loopback address per pod and
 * CRI-format logs), writes their status and events, and serves their logs to the apiserver's {@code
 * pods/log}. {@link io.bosun.agent.AgentMain} is {@code bosun agent}. Still to come: the Service
 * proxy. See docs/decisions/0007-node-agent-pods-as-processes.md and
 * docs/decisions/0010-node-agent-wiring-and-log-endpoint.md.
 */
package io.bosun.agent;

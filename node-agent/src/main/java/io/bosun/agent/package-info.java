/**
 * The node agent. Written so far: the pod runtime ({@link io.bosun.agent.pod.PodRuntime}), which
 * runs the pods bound to this node as host processes behind a container runtime interface ({@link
 * io.bosun.agent.runtime.ContainerRuntime}), with an image catalog ({@link
 * io.bosun.agent.image.ImageCatalog}), a loopback address per pod ({@link
 * io.bosun.agent.network.PodAddresses}) and CRI-format logs ({@link io.bosun.agent.logs}). Still to
 * come: registering the Node, its Lease, the informers that feed the pod runtime, and the Service
 * proxy. See docs/decisions/0007-node-agent-pods-as-processes.md.
 */
package io.bosun.agent;

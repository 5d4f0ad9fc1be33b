/**
 * The pod runtime's engine: a {@code PodWorker} per pod (sync loop, restarts, back-off, probes,
 * hooks, termination), status computation as the kubelet's, checkpoints and logs.
 */
package io.bosun.agent.pod.internal;

/**
 * The kubelet's pod lifecycle without its API client: {@link io.bosun.agent.pod.PodRuntime} runs
 * the pods the agent hands it, reads the cluster through {@link io.bosun.agent.pod.PodInputs}, and
 * reports statuses and events to a {@link io.bosun.agent.pod.PodStatusListener}.
 */
package io.bosun.agent.pod;

/**
 * The agent's HTTP endpoint for the apiserver: container logs, as the kubelet serves them ({@link
 * io.bosun.agent.server.internal.KubeletServer}).
 */
package io.bosun.agent.server.internal;

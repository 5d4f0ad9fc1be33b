/**
 * The agent's traffic with the apiserver about pods: informers feed the pod runtime ({@link
 * io.bosun.agent.sync.internal.PodSync}) and its inputs ({@link
 * io.bosun.agent.sync.internal.InformerInputs}); what the runtime reports goes back as pod status
 * and deletions ({@link io.bosun.agent.sync.internal.PodStatusWriter}) and Events ({@link
 * io.bosun.agent.sync.internal.EventRecorder}).
 */
package io.bosun.agent.sync.internal;

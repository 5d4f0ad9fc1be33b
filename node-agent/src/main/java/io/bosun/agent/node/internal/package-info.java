/**
 * The agent's Node: its registration and status ({@link
 * io.bosun.agent.node.internal.NodeStatusReporter}), measured from the machine ({@link
 * io.bosun.agent.node.internal.NodeFacts}, {@link io.bosun.agent.node.internal.NodeConditions}),
 * its Lease ({@link io.bosun.agent.node.internal.NodeLease}), and the beat that renews one and
 * reports the other ({@link io.bosun.agent.node.internal.NodeHeartbeat}).
 */
package io.bosun.agent.node.internal;

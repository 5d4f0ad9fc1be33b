/**
 * The agent's Node: its registration and status ({@link
 * io.bosun.agent.node.internal.NodeStatusReporter}), measured from the machine ({@link
 * io.bosun.agent.node.internal.NodeFacts}), and its heartbeat Lease ({@link
 * io.bosun.agent.node.internal.NodeLease}).
 */
package io.bosun.agent.node.internal;

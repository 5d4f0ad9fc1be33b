/**
 * Node lifecycle: the controller that turns a node's missed Lease heartbeats into an Unknown Ready
 * condition and the not-ready/unreachable taints, and the taint eviction controller that deletes
 * the pods of NoExecute-tainted nodes once their tolerations run out, so that their owners replace
 * them elsewhere (Kubernetes' pkg/controller/nodelifecycle and pkg/controller/tainteviction).
 */
package io.bosun.controllers.nodelifecycle;

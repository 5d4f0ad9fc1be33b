/**
 * Leader election through a coordination.k8s.io/v1 Lease, with client-go's rules and defaults
 * (lease duration 15 s, renew deadline 10 s, retry period 2 s): {@link
 * io.bosun.controller.leaderelection.LeaderElector} contends for the Lease and tells its {@link
 * io.bosun.controller.leaderelection.LeaderCallbacks} when it starts and stops leading. A manager
 * uses it to run its controllers on one replica at a time while every replica keeps its caches
 * warm.
 */
package io.bosun.controller.leaderelection;

/**
 * The scheduler: binds pending pods to the nodes they fit (resources, node selector and affinity,
 * taints and tolerations, cordoned and not-ready nodes), preferring the least allocated nodes and
 * spreading the pods of one controller. Start from {@link
 * io.bosun.controllers.scheduler.SchedulerController#create}.
 */
package io.bosun.controllers.scheduler;

/**
 * The scheduler: binds pending pods to the nodes they fit (resources, node selector and affinity,
 * pod affinity and anti-affinity, taints and tolerations, cordoned and not-ready nodes), preferring
 * the least allocated and best balanced nodes and spreading the pods of one controller; a pod that
 * fits nowhere is told why and tried again with back-off. Start from {@link
 * io.bosun.controllers.scheduler.SchedulerController#create}.
 */
package io.bosun.controllers.scheduler;

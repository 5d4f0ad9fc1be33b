/**
 * The garbage collector: a graph of ownerReferences across the monitored kinds, and the background,
 * orphan and foreground deletion propagation it carries out.
 */
package io.bosun.controllers.gc;

/**
 * The ReplicaSet controller, which also manages ReplicationControllers: the right number of pods,
 * created in slow-start batches, the least valuable deleted first, orphans adopted, status kept.
 */
package io.bosun.controllers.replicaset;

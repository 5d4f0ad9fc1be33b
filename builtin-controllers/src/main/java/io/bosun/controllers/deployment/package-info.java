/**
 * The Deployment controller: rolling update and recreate through ReplicaSets, revision history and
 * rollback, pause and resume, proportional scaling, progress deadline and conditions.
 */
package io.bosun.controllers.deployment;

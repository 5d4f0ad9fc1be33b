/**
 * Volumes as directories: content volumes written atomically, host and claimed paths, and the
 * downward API's field values.
 */
package io.bosun.agent.volume.internal;

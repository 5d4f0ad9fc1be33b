package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.StoredObject;

/**
 * The answer to a delete: the object's last state, and whether it is gone or only marked with a
 * deletionTimestamp while finalizers or a grace period hold it.
 */
public record Deleted(StoredObject object, boolean gone) {}

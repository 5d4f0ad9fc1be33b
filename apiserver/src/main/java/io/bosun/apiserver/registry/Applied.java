package io.bosun.apiserver.registry;

import io.bosun.apiserver.storage.StoredObject;

/**
 * The result of a server-side apply: the stored object, and whether the apply created it (the
 * endpoint answers 201 then, 200 otherwise).
 */
public record Applied(StoredObject object, boolean created) {}

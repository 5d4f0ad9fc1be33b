package io.bosun.apiserver.storage;

/**
 * An object as stored: its key, its resource version and its JSON document, whose {@code
 * metadata.resourceVersion} already equals {@code resourceVersion}.
 */
public record StoredObject(ObjectKey key, long resourceVersion, String json) {}

/**
 * The storage engine: every resource as a JSON document in PostgreSQL, one cluster-wide resource
 * version, and watches fed from an in-memory event feed.
 *
 * <p>{@link io.bosun.apiserver.storage.Storage} is the contract; {@link
 * io.bosun.apiserver.storage.postgres.PostgresStorage} implements it. Storage knows nothing of
 * kinds, registries or HTTP: it moves opaque JSON documents keyed by resource, namespace and name.
 */
package io.bosun.apiserver.storage;

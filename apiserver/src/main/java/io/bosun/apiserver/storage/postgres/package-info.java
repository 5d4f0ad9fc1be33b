/**
 * The PostgreSQL implementation of {@link io.bosun.apiserver.storage.Storage}: a group-commit
 * writer, a LISTEN/NOTIFY-woken watch feed, SQL lists and timed compaction.
 */
package io.bosun.apiserver.storage.postgres;

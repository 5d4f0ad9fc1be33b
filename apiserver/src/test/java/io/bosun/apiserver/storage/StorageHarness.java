package io.bosun.apiserver.storage;

import java.util.function.UnaryOperator;

/**
 * What the conformance suite needs from an implementation: a way to start a storage on empty state,
 * and to compact it. Each test starts its own storages; the harness closes them afterwards.
 */
interface StorageHarness {

  /** Starts a storage on this test's (initially empty) state, with the defaults tuned. */
  Storage startStorage(UnaryOperator<StorageConfig> tuning);

  /** Starts a storage on this test's state with the default settings. */
  default Storage startStorage() {
    return startStorage(config -> config);
  }

  /** Compacts the change history up to {@code resourceVersion}, as the compaction timer would. */
  void compact(Storage storage, long resourceVersion);

  /** The compaction point: the oldest version a watch or an exact list may start from. */
  long compactedResourceVersion(Storage storage);
}

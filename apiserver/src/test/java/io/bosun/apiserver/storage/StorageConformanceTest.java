package io.bosun.apiserver.storage;

/**
 * The conformance suite every {@link Storage} implementation extends: the same behaviour for
 * resource versions, conflicts, lists, watches and compaction, whatever is underneath. The tests
 * live in the {@code *Conformance} interfaces, one per concern; an implementation's test class
 * extends this class and implements {@link StorageHarness}.
 */
public abstract class StorageConformanceTest
    implements CrudConformance,
        ConcurrencyConformance,
        ListConformance,
        PaginationConformance,
        WatchConformance,
        WatchResumeConformance,
        CompactionConformance {}

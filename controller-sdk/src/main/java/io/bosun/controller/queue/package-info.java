/**
 * The work queue between events and reconciles: a {@link io.bosun.controller.queue.WorkQueue} of
 * keys that deduplicates waiting keys, never hands one key to two workers at once, serves live
 * events ahead of the initial list and resyncs ({@link io.bosun.controller.queue.Priority}), and
 * delays retries through a {@link io.bosun.controller.queue.RateLimiter}. It never blocks a thread:
 * consumers poll when told a key is ready, and delays run on a {@link
 * io.bosun.controller.queue.Scheduler}, whose clock tests replace.
 */
package io.bosun.controller.queue;

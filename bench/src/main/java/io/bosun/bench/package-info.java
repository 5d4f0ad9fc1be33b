/** Benchmark programs (not tests); results and commands in docs/benchmarks.md. */
package io.bosun.bench;

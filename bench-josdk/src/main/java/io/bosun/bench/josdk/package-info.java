/**
 * The controller SDK benchmark of issue 5: the same no-op reconciler written with Bosun's SDK and
 * with the Java Operator SDK, each run in its own child JVM against one Bosun apiserver, and
 * measured for event-to-reconcile latency, reconciles per second at saturation, retained heap per
 * cached object, and time to first reconcile. {@link io.bosun.bench.josdk.ControllerBench} is the
 * program; {@link io.bosun.bench.josdk.OperatorMain} is what each child JVM runs.
 */
package io.bosun.bench.josdk;

package io.bosun.bench.josdk;

import java.util.ArrayList;
import java.util.List;

/** What one SDK's run measured. Times are in microseconds unless a name says otherwise. */
final class SdkResult {
  final String sdk;
  long launchToFirst;
  long mainToFirst;
  long mainToSynced;
  long launchToAll;
  long startupReconciles;
  long heapEmpty;
  long heapFull;
  final List<Double> drainRates = new ArrayList<>();
  final List<Long> drainReconciles = new ArrayList<>();
  long latencyCount;
  long latencySent;
  double latencyWriteRate;
  long latencyP50;
  long latencyP99;
  long latencyP999;
  long latencyMax;
  long watchP50;
  long watchP99;

  SdkResult(String sdk) {
    this.sdk = sdk;
  }

  /** Bytes of heap each cached item retains: the full heap less the empty-namespace heap. */
  double heapPerObject(int objects) {
    return (heapFull - heapEmpty) / (double) objects;
  }

  /** The median of the drain rounds' reconciles per second. */
  double medianDrainRate() {
    List<Double> sorted = new ArrayList<>(drainRates);
    sorted.sort(null);
    int n = sorted.size();
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

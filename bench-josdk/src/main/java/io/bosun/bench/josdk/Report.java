package io.bosun.bench.josdk;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Prints the results as the markdown table of docs/benchmarks.md. */
final class Report {
  private final List<SdkResult> results;
  private final ControllerBench.Settings settings;

  Report(List<SdkResult> results, ControllerBench.Settings settings) {
    this.results = results;
    this.settings = settings;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| measure |");
    results.forEach(r -> out.append(' ').append(title(r.sdk)).append(" |"));
    boolean ratio = bosun() != null && josdk() != null;
    out.append(ratio ? " Bosun / JOSDK | goal |\n" : "\n");
    out.append("|---|");
    results.forEach(r -> out.append("---|"));
    out.append(ratio ? "---|---|\n" : "\n");
    int n = settings.objects();
    String load = String.format(Locale.ROOT, "%,d updates/s over %,d items", settings.rate(), n);
    row(out, "event-to-reconcile p50, ms (" + load + ")", r -> r.latencyP50 / 1000.0, "");
    row(out, "event-to-reconcile p99, ms", r -> r.latencyP99 / 1000.0, "<= 0.5");
    row(out, "event-to-reconcile p99.9, ms", r -> r.latencyP999 / 1000.0, "");
    row(
        out,
        "reconciles/s at saturation, " + settings.workers() + " workers (median of rounds)",
        SdkResult::medianDrainRate,
        ">= 3");
    row(out, "retained heap per cached item, bytes", r -> r.heapPerObject(n), "<= 0.5");
    row(out, "launch to first reconcile, ms", r -> r.launchToFirst / 1000.0, "");
    row(out, "main() to cache synced, ms", r -> r.mainToSynced / 1000.0, "");
    row(out, "main() to first reconcile, ms", r -> r.mainToFirst / 1000.0, "");
    row(
        out,
        String.format(Locale.ROOT, "launch to all %,d reconciled, ms", n),
        r -> r.launchToAll / 1000.0,
        "");
    out.append('\n');
    for (SdkResult r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "- %s: latency from %,d reconciles of %,d writes sent at %.0f/s (max %.1f ms); plain watch"
                  + " p50 %.2f ms, p99 %.2f ms; drain rounds %s reconciles/s (%s reconciles);"
                  + " heap %,d bytes with %,d items, %,d with none; %,d reconciles at start-up\n",
              title(r.sdk),
              r.latencyCount,
              r.latencySent,
              r.latencyWriteRate,
              r.latencyMax / 1000.0,
              r.watchP50 / 1000.0,
              r.watchP99 / 1000.0,
              r.drainRates.stream()
                  .map(x -> String.format(Locale.ROOT, "%.0f", x))
                  .collect(Collectors.joining(", ")),
              r.drainReconciles.stream().map(String::valueOf).collect(Collectors.joining(", ")),
              r.heapFull,
              n,
              r.heapEmpty,
              r.startupReconciles));
    }
    return out.toString();
  }

  private void row(
      StringBuilder out, String measure, ToDoubleFunction<SdkResult> value, String goal) {
    out.append("| ").append(measure).append(" |");
    results.forEach(r -> out.append(' ').append(format(value.applyAsDouble(r))).append(" |"));
    if (bosun() != null && josdk() != null) {
      double ratio = value.applyAsDouble(bosun()) / value.applyAsDouble(josdk());
      out.append(' ').append(String.format(Locale.ROOT, "%.2f", ratio)).append(" | ");
      out.append(goal).append(" |");
    }
    out.append('\n');
  }

  private static String format(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private SdkResult bosun() {
    return results.stream().filter(r -> r.sdk.equals("bosun")).findFirst().orElse(null);
  }

  private SdkResult josdk() {
    return results.stream().filter(r -> r.sdk.equals("josdk")).findFirst().orElse(null);
  }

  private static String title(String sdk) {
    return sdk.equals("bosun") ? "Bosun SDK" : sdk.equals("josdk") ? "JOSDK 5.2.3" : sdk;
  }
}

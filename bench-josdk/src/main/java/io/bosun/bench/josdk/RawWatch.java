package io.bosun.bench.josdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.WatchEvent;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;

/**
 * A plain watch of the items, with no SDK: the latency from a write's stamp to its watch event here
 * is what the apiserver and the network cost, the floor under both SDKs' figures.
 */
final class RawWatch implements AutoCloseable {
  private volatile Cancellable subscription;
  private volatile LatencyHistogram latencies;

  private RawWatch() {}

  /** Opens a watch of {@code namespace}'s items from now on. */
  static RawWatch open(KubeClient client, String namespace) {
    ResourceClient<ObjectNode> items =
        client.resources(ResourceDescriptor.of(BenchItem.class).asUntyped());
    String now =
        items
            .list(namespace, new ListOptionsBuilder().withLimit(1L).build())
            .await()
            .atMost(Duration.ofSeconds(30))
            .resourceVersion();
    RawWatch watch = new RawWatch();
    watch.subscription =
        items
            .watch(namespace, new ListOptionsBuilder().withResourceVersion(now).build())
            .subscribe()
            .with(watch::onEvent, error -> {});
    return watch;
  }

  private void onEvent(WatchEvent<ObjectNode> event) {
    LatencyHistogram histogram = latencies;
    if (histogram != null && event.type() == WatchEvent.Type.MODIFIED) {
      histogram.record(WallClock.micros() - event.object().path("spec").path("stamp").asLong());
    }
  }

  /** Starts recording afresh. */
  void record() {
    latencies = new LatencyHistogram();
  }

  /** Stops recording and returns what was recorded. */
  LatencyHistogram stop() {
    LatencyHistogram histogram = latencies;
    latencies = null;
    return histogram;
  }

  @Override
  public void close() {
    subscription.cancel();
  }
}

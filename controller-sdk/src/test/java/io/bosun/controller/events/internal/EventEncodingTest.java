package io.bosun.controller.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.events.EventRecorderOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEncodingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");
  private static final EventKey KEY =
      new EventKey(
          new ObjectRef("v1", "ConfigMap", "web", "site", "uid-1"),
          null,
          "Normal",
          "Created",
          "Create",
          "made it");
  private static final EventRecorderOptions OPTIONS =
      EventRecorderOptions.builder("example.com/sites").reportingInstance("pod-1").build();

  @Test
  void coreV1EventsNameTheInvolvedObjectAndCountInSeconds() {
    Series series = new Series(KEY, "web", "site.1", T0);
    series.repeat(T0.plusSeconds(2));

    ObjectNode event = EventEncoding.CORE_V1.event(series, OPTIONS);

    assertThat(event.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(event.path("metadata").path("name").asText()).isEqualTo("site.1");
    assertThat(event.path("involvedObject").path("uid").asText()).isEqualTo("uid-1");
    assertThat(event.path("message").asText()).isEqualTo("made it");
    assertThat(event.path("source").path("component").asText()).isEqualTo("example.com/sites");
    assertThat(event.path("reportingInstance").asText()).isEqualTo("pod-1");
    assertThat(event.path("count").asInt()).isEqualTo(2);
    assertThat(event.path("firstTimestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(event.path("lastTimestamp").asText()).isEqualTo("2026-01-01T10:00:02Z");
  }

  @Test
  void eventsV1EventsHaveAMicroTimeAndASeriesOnlyOnceRepeated() {
    Series series = new Series(KEY, "web", "site.1", T0);

    ObjectNode first = EventEncoding.EVENTS_V1.event(series, OPTIONS);
    series.repeat(T0.plusSeconds(2));
    ObjectNode patch = EventEncoding.EVENTS_V1.countPatch(series.count(), series.last());

    assertThat(first.path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
    assertThat(first.path("regarding").path("name").asText()).isEqualTo("site");
    assertThat(first.path("note").asText()).isEqualTo("made it");
    assertThat(first.path("reportingController").asText()).isEqualTo("example.com/sites");
    assertThat(first.path("eventTime").asText()).isEqualTo("2026-01-01T10:00:00.123456Z");
    assertThat(first.has("series")).isFalse();
    assertThat(patch.path("series").path("count").asInt()).isEqualTo(2);
    assertThat(patch.path("series").path("lastObservedTime").asText())
        .isEqualTo("2026-01-01T10:00:02.123456Z");
  }
}

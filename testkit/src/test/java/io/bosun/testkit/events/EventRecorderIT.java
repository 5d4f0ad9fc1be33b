package io.bosun.testkit.events;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.events.EventRecorder;
import io.bosun.controller.events.EventRecorderOptions;
import io.bosun.controller.events.EventType;
import io.bosun.controller.queue.Scheduler;
import io.bosun.testkit.BosunApiServer;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events recorded about objects of a real apiserver, read back through its API and kubectl. */
@BosunTest
class EventRecorderIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  private final TestClock clock = new TestClock();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Scheduler scheduler = Scheduler.of(clock, timers);

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  private static EventRecorderOptions.Builder options() {
    return EventRecorderOptions.builder("example.com/site-controller").reportingInstance("it-1");
  }

  private static ConfigMap create(KubeClient client, TestNamespace ns, String name) {
    return client
        .resources(ConfigMap.class)
        .create(configMap(ns.name(), name, Map.of()))
        .await()
        .atMost(WAIT);
  }

  private static List<Event> coreEvents(KubeClient client, TestNamespace ns) {
    return client.resources(Event.class).list(ns.name()).await().atMost(WAIT).items();
  }

  @Test
  void aRepeatedEventIsOneCoreEventWithItsCountThatKubectlDescribeShows(
      KubeClient client, TestNamespace ns, BosunApiServer server) throws Exception {
    ConfigMap site = create(client, ns, "site");
    try (EventRecorder events = EventRecorder.create(client, options().build(), scheduler)) {
      for (int i = 0; i < 3; i++) {
        events.normal(site, "Synced", "Synced the site");
        clock.advance(Duration.ofSeconds(10));
      }
      events.flush().await().atMost(WAIT);
    }

    List<Event> recorded = coreEvents(client, ns);
    assertThat(recorded).hasSize(1);
    Event event = recorded.get(0);
    assertThat(event.getCount()).isEqualTo(3);
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getReason()).isEqualTo("Synced");
    assertThat(event.getMessage()).isEqualTo("Synced the site");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("site");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(site.getMetadata().getUid());
    assertThat(event.getSource().getComponent()).isEqualTo("example.com/site-controller");
    assertThat(event.getReportingInstance()).isEqualTo("it-1");
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.getLastTimestamp()).isEqualTo("2026-01-01T00:00:20Z");

    String described = kubectl(server, "describe", "configmap", "site", "-n", ns.name());
    assertThat(described)
        .contains("Events:")
        .contains("Synced the site")
        .containsPattern("Normal +Synced +.*\\(x3 over [^)]+\\)");
  }

  @Test
  void eventsV1RepeatsFormASeriesWrittenAtTheSecondOccurrence(KubeClient client, TestNamespace ns) {
    ConfigMap site = create(client, ns, "site");
    ConfigMap related = create(client, ns, "related");
    ResourceClient<io.fabric8.kubernetes.api.model.events.v1.Event> v1 =
        client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class);
    try (EventRecorder events =
        EventRecorder.create(
            client, options().api(EventRecorderOptions.Api.EVENTS_V1).build(), scheduler)) {
      events.record(site, related, EventType.WARNING, "Failed", "Reconcile", "it broke");
      clock.advance(Duration.ofSeconds(1));
      events.record(site, related, EventType.WARNING, "Failed", "Reconcile", "it broke");

      // No flush: the second occurrence is written at once.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  v1.list(ns.name()).await().atMost(WAIT).items().stream()
                      .anyMatch(e -> e.getSeries() != null));
    }

    var items = v1.list(ns.name()).await().atMost(WAIT).items();
    assertThat(items).hasSize(1);
    var event = items.get(0);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo("Failed");
    assertThat(event.getAction()).isEqualTo("Reconcile");
    assertThat(event.getNote()).isEqualTo("it broke");
    assertThat(event.getReportingController()).isEqualTo("example.com/site-controller");
    assertThat(event.getReportingInstance()).isEqualTo("it-1");
    assertThat(event.getEventTime().getTime()).isEqualTo("2026-01-01T00:00:00.000000Z");
    assertThat(event.getSeries().getCount()).isEqualTo(2);
    assertThat(event.getSeries().getLastObservedTime().getTime())
        .isEqualTo("2026-01-01T00:00:01.000000Z");
    assertThat(event.getRegarding().getName()).isEqualTo("site");
    assertThat(event.getRegarding().getUid()).isEqualTo(site.getMetadata().getUid());
    assertThat(event.getRelated().getName()).isEqualTo("related");
    // The same event through core/v1, as kubectl reads it: one storage, two sets of names.
    List<Event> core = coreEvents(client, ns);
    assertThat(core).hasSize(1);
    assertThat(core.get(0).getMessage()).isEqualTo("it broke");
    assertThat(core.get(0).getInvolvedObject().getName()).isEqualTo("site");
    assertThat(core.get(0).getSeries().getCount()).isEqualTo(2);
  }

  @Test
  void laterCountsAreWrittenAtTheSeriesRefreshWithoutAFlush(KubeClient client, TestNamespace ns) {
    ConfigMap site = create(client, ns, "site");
    Duration refresh = Duration.ofMillis(200);
    EventRecorderOptions quick =
        options().series(EventRecorderOptions.DEFAULT_SERIES_WINDOW, refresh).build();
    try (EventRecorder events = EventRecorder.create(client, quick, scheduler)) {
      events.normal(site, "Synced", "Synced the site");
      events.normal(site, "Synced", "Synced the site");
      // The second occurrence is written at once; the third and fourth wait for the refresh,
      // which the recorder's timer runs once the clock has passed the refresh interval.
      await().atMost(WAIT).until(() -> coreEvents(client, ns).get(0).getCount() == 2);
      events.normal(site, "Synced", "Synced the site");
      events.normal(site, "Synced", "Synced the site");
      assertThat(coreEvents(client, ns).get(0).getCount()).isEqualTo(2);
      clock.advance(refresh);

      await().atMost(WAIT).until(() -> coreEvents(client, ns).get(0).getCount() == 4);
    }
  }

  @Test
  void aRepeatAfterTheSeriesWindowIsANewEvent(KubeClient client, TestNamespace ns) {
    ConfigMap site = create(client, ns, "site");
    try (EventRecorder events = EventRecorder.create(client, options().build(), scheduler)) {
      events.normal(site, "Synced", "Synced the site");
      events.flush().await().atMost(WAIT);
      clock.advance(EventRecorderOptions.DEFAULT_SERIES_WINDOW.plusSeconds(1));
      events.normal(site, "Synced", "Synced the site");
      events.normal(site, "Synced", "another note is another event");
      events.flush().await().atMost(WAIT);
    }

    assertThat(coreEvents(client, ns)).hasSize(3).extracting(Event::getCount).containsOnly(1);
  }

  @Test
  void newEventsAboutOneObjectAreRateLimited(KubeClient client, TestNamespace ns) {
    ConfigMap noisy = create(client, ns, "noisy");
    ConfigMap quiet = create(client, ns, "quiet");
    EventRecorderOptions limited = options().rateLimit(2, Duration.ofMinutes(5)).build();
    try (EventRecorder events = EventRecorder.create(client, limited, scheduler)) {
      for (String reason : List.of("A", "B", "C", "D")) {
        events.normal(noisy, reason, "note " + reason);
      }
      events.normal(quiet, "A", "note A");
      events.flush().await().atMost(WAIT);
      assertThat(coreEvents(client, ns))
          .extracting(e -> e.getInvolvedObject().getName() + " " + e.getReason())
          .containsExactlyInAnyOrder("noisy A", "noisy B", "quiet A");

      clock.advance(Duration.ofMinutes(5));
      events.normal(noisy, "E", "note E");
      events.flush().await().atMost(WAIT);
    }

    assertThat(coreEvents(client, ns))
        .extracting(Event::getReason)
        .containsExactlyInAnyOrder("A", "B", "A", "E");
  }

  private static String kubectl(BosunApiServer server, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(KUBECTL));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", server.kubeconfig().toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }
}

package io.bosun.testkit.manager;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.manager.CacheSyncTimeoutException;
import io.bosun.controller.manager.Manager;
import io.bosun.controller.manager.ManagerOptions;
import io.bosun.controller.manager.ManagerStatus;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.mutiny.Uni;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A manager running controllers over shared informers of a real apiserver. */
@BosunTest
class ManagerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Controller recording(String name, List<String> into) {
    return Controller.forResource(ConfigMap.class)
        .withOptions(ControllerOptions.builder().name(name).build())
        .build(
            request -> {
              into.add(request.name());
              return Uni.createFrom().item(Result.done());
            });
  }

  @Test
  void startsOneInformerForTwoControllersOfAKindThenRunsBoth(KubeClient client, TestNamespace ns) {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    Manager manager =
        Manager.builder(client, InformerOptions.inNamespace(ns.name()))
            .add(recording("first", first))
            .add(recording("second", second))
            .options(ManagerOptions.builder().health("127.0.0.1", 0).build())
            .build();
    assertThat(manager.status().phase()).isEqualTo(ManagerStatus.Phase.NEW);
    assertThat(manager.status().ready()).isFalse();

    manager.start().await().atMost(WAIT);
    try {
      ManagerStatus status = manager.status();
      assertThat(status.phase()).isEqualTo(ManagerStatus.Phase.RUNNING);
      assertThat(status.informers()).hasSize(1).containsValue(true);
      assertThat(status.controllers()).containsEntry("first", true).containsEntry("second", true);
      assertThat(status.leadership()).isEqualTo(ManagerStatus.Leadership.NOT_ELECTING);
      assertThat(status.ready()).isTrue();
      assertThat(manager.informers().size()).isEqualTo(1);

      client
          .resources(ConfigMap.class)
          .create(configMap(ns.name(), "x", Map.of()))
          .await()
          .atMost(WAIT);
      await().atMost(WAIT).until(() -> first.contains("x") && second.contains("x"));

      int port = manager.healthPort().orElseThrow();
      assertThat(Http.get(port, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = Http.get(port, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body())
          .contains("[+]informer configmaps/v1 (ConfigMap) in " + ns.name() + " ok")
          .contains("[+]controller first ok")
          .contains("readyz check passed");
      HttpResponse<String> metrics = Http.get(port, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body())
          .contains("bosun_controller_reconciles_total{controller=\"first\",outcome=\"done\"}");
    } finally {
      manager.stop().await().atMost(WAIT);
    }
    assertThat(manager.status().phase()).isEqualTo(ManagerStatus.Phase.STOPPED);
    assertThat(manager.status().controllers()).containsValues(false, false);
    assertThat(manager.informers().size()).isZero();
  }

  @Test
  void letsInFlightReconcilesFinishBeforeItStops(KubeClient client, TestNamespace ns) {
    AtomicBoolean begun = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    Reconciler slow =
        request -> {
          begun.set(true);
          return Uni.createFrom()
              .item(Result.done())
              .onItem()
              .delayIt()
              .by(Duration.ofMillis(500))
              .invoke(() -> finished.set(true));
        };
    Manager manager =
        Manager.builder(client, InformerOptions.inNamespace(ns.name()))
            .add(Controller.forResource(ConfigMap.class).build(slow))
            .build();
    manager.start().await().atMost(WAIT);
    client
        .resources(ConfigMap.class)
        .create(configMap(ns.name(), "x", Map.of()))
        .await()
        .atMost(WAIT);
    await().atMost(WAIT).untilTrue(begun);

    manager.stop().await().atMost(WAIT);

    assertThat(finished).isTrue();
    assertThat(manager.status().phase()).isEqualTo(ManagerStatus.Phase.STOPPED);
  }

  @Test
  void refusesTwoControllersOfOneName(KubeClient client) {
    List<String> calls = new CopyOnWriteArrayList<>();
    var builder = Manager.builder(client).add(recording("twin", calls));

    assertThatThrownBy(() -> builder.add(recording("twin", calls)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twin");
  }

  @Test
  void failsToStartWhenAnInformerDoesNotSyncInTime(KubeClient client, TestNamespace ns) {
    Manager manager =
        Manager.builder(client, InformerOptions.inNamespace(ns.name()))
            .add(
                Controller.forResource(Widget.class)
                    .build(request -> Uni.createFrom().item(Result.done())))
            .options(ManagerOptions.builder().cacheSyncTimeout(Duration.ofSeconds(1)).build())
            .build();

    assertThatThrownBy(() -> manager.start().await().atMost(WAIT))
        .isInstanceOf(CacheSyncTimeoutException.class)
        .hasMessageContaining("widgets.example.com/v1");
    assertThat(manager.status().phase()).isEqualTo(ManagerStatus.Phase.FAILED);
    assertThat(manager.status().healthy()).isFalse();
    assertThat(manager.status().controllers()).containsValue(false);
    manager.stop().await().atMost(WAIT);
  }
}

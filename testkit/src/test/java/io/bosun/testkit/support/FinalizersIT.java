package io.bosun.testkit.support;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.client.ConflictException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.manager.Manager;
import io.bosun.controller.manager.ManagerBuilder;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.support.Finalizers;
import io.bosun.controller.support.ReadYourWrites;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A controller's finalizer on a real apiserver, which holds deleted objects for their finalizers.
 */
@BosunTest
class FinalizersIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String FINALIZER = "example.com/cleanup";

  @Test
  void addsTheFinalizerBeforeWorkingAndRemovesItAfterCleanUp(KubeClient client, TestNamespace ns) {
    List<String> workSawFinalizer = new CopyOnWriteArrayList<>();
    List<String> cleanedUp = new CopyOnWriteArrayList<>();
    ManagerBuilder builder = Manager.builder(client, InformerOptions.inNamespace(ns.name()));
    Informer<ConfigMap> cache = builder.eventSources().informer(ConfigMap.class);
    ResourceClient<ConfigMap> configMaps =
        ReadYourWrites.client(client, builder.eventSources(), ConfigMap.class);
    Manager manager =
        builder
            .add(
                Controller.forResource(ConfigMap.class)
                    .build(
                        request -> {
                          ConfigMap cm =
                              cache.get(request.namespace(), request.name()).orElse(null);
                          if (cm == null) {
                            return Uni.createFrom().item(Result.done());
                          }
                          if (Finalizers.isDeleting(cm)) {
                            cleanedUp.add(request.name());
                            return Finalizers.remove(configMaps, cm, FINALIZER)
                                .replaceWith(Result.done());
                          }
                          return Finalizers.ensure(configMaps, cm, FINALIZER)
                              .invoke(
                                  added -> {
                                    // The work after ensure reads the cache: the finalizer shows.
                                    ConfigMap now =
                                        cache
                                            .get(request.namespace(), request.name())
                                            .orElseThrow();
                                    workSawFinalizer.add(
                                        String.valueOf(Finalizers.has(now, FINALIZER)));
                                  })
                              .replaceWith(Result.done());
                        }))
            .build();
    manager.start().await().atMost(WAIT);
    try {
      client
          .resources(ConfigMap.class)
          .create(configMap(ns.name(), "x", Map.of()))
          .await()
          .atMost(WAIT);
      Await.object(
          client.resources(ConfigMap.class),
          ns.name(),
          "x",
          cm -> Finalizers.has(cm, FINALIZER),
          WAIT);

      client.resources(ConfigMap.class).delete(ns.name(), "x").await().atMost(WAIT);
      Await.absent(client.resources(ConfigMap.class), ns.name(), "x", WAIT);

      assertThat(cleanedUp).containsExactly("x");
      assertThat(workSawFinalizer).isNotEmpty().containsOnly("true");
    } finally {
      manager.stop().await().atMost(WAIT);
    }
  }

  @Test
  void aWriteFromAStaleReadIsAConflictAndClobbersNoOtherFinalizer(
      KubeClient client, TestNamespace ns) {
    ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
    ConfigMap stale = configMaps.create(configMap(ns.name(), "x", Map.of())).await().atMost(WAIT);
    ConfigMap fresh = configMaps.get(ns.name(), "x").await().atMost(WAIT);
    assertThat(Finalizers.ensure(configMaps, fresh, "other.example.com/keep").await().atMost(WAIT))
        .isTrue();

    assertThatThrownBy(() -> Finalizers.ensure(configMaps, stale, FINALIZER).await().atMost(WAIT))
        .isInstanceOf(ConflictException.class);

    ConfigMap current = configMaps.get(ns.name(), "x").await().atMost(WAIT);
    assertThat(Finalizers.ensure(configMaps, current, FINALIZER).await().atMost(WAIT)).isTrue();
    ConfigMap both = configMaps.get(ns.name(), "x").await().atMost(WAIT);
    assertThat(both.getMetadata().getFinalizers())
        .containsExactly("other.example.com/keep", FINALIZER);
    assertThat(Finalizers.ensure(configMaps, both, FINALIZER).await().atMost(WAIT)).isFalse();

    // Deleting marks the object; removing the last finalizer lets it go.
    configMaps.delete(ns.name(), "x").await().atMost(WAIT);
    ConfigMap deleting = configMaps.get(ns.name(), "x").await().atMost(WAIT);
    assertThat(Finalizers.isDeleting(deleting)).isTrue();
    assertThat(Finalizers.ensure(configMaps, deleting, "late.example.com/x").await().atMost(WAIT))
        .isFalse();
    assertThatThrownBy(() -> Finalizers.remove(configMaps, both, FINALIZER).await().atMost(WAIT))
        .isInstanceOf(ConflictException.class);
    assertThat(Finalizers.remove(configMaps, deleting, FINALIZER).await().atMost(WAIT)).isTrue();
    ConfigMap last = configMaps.get(ns.name(), "x").await().atMost(WAIT);
    assertThat(last.getMetadata().getFinalizers()).containsExactly("other.example.com/keep");
    assertThat(Finalizers.remove(configMaps, last, "other.example.com/keep").await().atMost(WAIT))
        .isTrue();
    Await.absent(configMaps, ns.name(), "x", WAIT);
  }
}

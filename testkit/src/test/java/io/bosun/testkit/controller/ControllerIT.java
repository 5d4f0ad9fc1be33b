package io.bosun.testkit.controller;

import static io.bosun.testkit.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.runtime.Controller;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A controller built with the SDK's builder, fed by shared informers of a real apiserver. */
@BosunTest
class ControllerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void reconcilesPrimariesAndTheirOwnedObjects(KubeClient client, TestNamespace ns)
      throws Exception {
    Set<String> reconciled = ConcurrentHashMap.newKeySet();
    try (SharedInformers informers = SharedInformers.create(client)) {
      InformerEventSources sources =
          InformerEventSources.of(informers, InformerOptions.inNamespace(ns.name()));
      Controller controller =
          Controller.forResource(ConfigMap.class)
              .owns(Secret.class)
              .build(
                  request -> {
                    reconciled.add(request.name());
                    // Level-based: read the current state from the cache, write the desired one.
                    ConfigMap cm =
                        sources
                            .informer(ConfigMap.class)
                            .get(request.namespace(), request.name())
                            .orElse(null);
                    if (cm == null || cm.getData() == null || cm.getData().containsKey("seen")) {
                      return Uni.createFrom().item(Result.done());
                    }
                    return client
                        .resources(ConfigMap.class)
                        .patch(
                            request.namespace(),
                            request.name(),
                            Patch.merge("{\"data\":{\"seen\":\"yes\"}}"))
                        .replaceWith(Result.done());
                  });
      controller.start(sources);
      try {
        ConfigMap created =
            client
                .resources(ConfigMap.class)
                .create(configMap(ns.name(), "primary", Map.of()))
                .await()
                .atMost(WAIT);
        Await.object(
            client.resources(ConfigMap.class),
            ns.name(),
            "primary",
            cm -> cm.getData() != null && "yes".equals(cm.getData().get("seen")),
            WAIT);

        // An owned object's change brings its owner back to the queue.
        reconciled.clear();
        Secret owned =
            new SecretBuilder()
                .withNewMetadata()
                .withName("owned")
                .withNamespace(ns.name())
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("primary")
                .withUid(created.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .build();
        client.resources(Secret.class).create(owned).await().atMost(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!reconciled.contains("primary") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(reconciled).contains("primary");
      } finally {
        controller.stop().await().atMost(WAIT);
      }
    }
  }
}

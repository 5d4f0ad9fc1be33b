package io.bosun.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.Registration;
import io.bosun.controllers.RunningControllers;
import io.bosun.controllers.Workloads;
import io.bosun.controllers.pods.PodStates;
import io.bosun.testkit.Await;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The garbage collector's three propagation policies against a real apiserver. */
@BosunTest
class GarbageCollectorIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void backgroundDeletionDeletesThePodsOfADeletedReplicaSet(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      ReplicaSet rs = replicaSetWithPods(client, controllers, ns, 3);

      client.resources(ReplicaSet.class).delete(ns.name(), "web").await().atMost(WAIT);

      Await.cache(pods, () -> podsIn(pods, ns).isEmpty(), WAIT, "the pods of web deleted");
      Await.absent(client.resources(ReplicaSet.class), ns.name(), "web", WAIT);
      assertThat(rs.getMetadata().getUid()).isNotEmpty();
    }
  }

  @Test
  void orphanDeletionKeepsThePodsWithoutTheirOwnerReference(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      replicaSetWithPods(client, controllers, ns, 3);

      client
          .resources(ReplicaSet.class)
          .delete(ns.name(), "web", policy("Orphan"))
          .await()
          .atMost(WAIT);

      Await.absent(client.resources(ReplicaSet.class), ns.name(), "web", WAIT);
      Await.cache(
          pods,
          () ->
              podsIn(pods, ns).size() == 3
                  && podsIn(pods, ns).stream()
                      .allMatch(p -> p.getMetadata().getOwnerReferences().isEmpty()),
          WAIT,
          "3 pods without owner references");
    }
  }

  @Test
  void foregroundDeletionDeletesThePodsBeforeTheOwner(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      Informer<Pod> pods = controllers.informer(Pod.class);
      Informer<ReplicaSet> replicaSets = controllers.informer(ReplicaSet.class);
      replicaSetWithPods(client, controllers, ns, 3);
      List<String> deletions = new CopyOnWriteArrayList<>();
      Registration podDeletions = pods.addHandler(deletionsIn(ns, deletions));
      Registration rsDeletions = replicaSets.addHandler(deletionsIn(ns, deletions));
      try {
        client
            .resources(ReplicaSet.class)
            .delete(ns.name(), "web", policy("Foreground"))
            .await()
            .atMost(WAIT);
        ReplicaSet marked =
            client.resources(ReplicaSet.class).get(ns.name(), "web").await().atMost(WAIT);
        assertThat(marked.getMetadata().getFinalizers()).contains("foregroundDeletion");

        Await.absent(client.resources(ReplicaSet.class), ns.name(), "web", WAIT);
        Await.cache(replicaSets, () -> deletions.contains("ReplicaSet/web"), WAIT, "rs gone");
        assertThat(podsIn(pods, ns)).isEmpty();
        assertThat(deletions).hasSize(4).last().isEqualTo("ReplicaSet/web");
      } finally {
        podDeletions.remove();
        rsDeletions.remove();
      }
    }
  }

  @Test
  void deletesDependentsWhoseOwnersAreAllGoneAndDropsReferencesToGoneOwners(
      KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
      ConfigMap owner = configMaps.create(configMap(ns, "owner", List.of())).await().atMost(WAIT);
      OwnerReference live = reference(owner.getMetadata().getName(), owner.getMetadata().getUid());
      OwnerReference gone = reference("never-was", "0b5e6a8a-0000-4000-8000-000000000000");

      configMaps.create(configMap(ns, "orphaned", List.of(gone))).await().atMost(WAIT);
      configMaps.create(configMap(ns, "half-owned", List.of(live, gone))).await().atMost(WAIT);

      Await.absent(configMaps, ns.name(), "orphaned", WAIT);
      ConfigMap kept =
          Await.object(
              configMaps,
              ns.name(),
              "half-owned",
              cm -> cm.getMetadata().getOwnerReferences().size() == 1,
              WAIT);
      assertThat(kept.getMetadata().getOwnerReferences().get(0).getUid())
          .isEqualTo(owner.getMetadata().getUid());

      configMaps.delete(ns.name(), "owner").await().atMost(WAIT);
      Await.absent(configMaps, ns.name(), "half-owned", WAIT);
    }
  }

  @Test
  void collectsAnyKindAddedByDescriptor(KubeClient client, TestNamespace ns) {
    try (RunningControllers controllers = RunningControllers.start(client)) {
      // Service accounts are not monitored by default; a generic descriptor adds them.
      ResourceDescriptor<GenericKubernetesResource> serviceAccounts =
          ResourceDescriptor.generic("v1", "ServiceAccount", "serviceaccounts", true);
      controllers.controllers().garbageCollector().monitor(serviceAccounts);
      ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
      ConfigMap owner = configMaps.create(configMap(ns, "owner", List.of())).await().atMost(WAIT);
      GenericKubernetesResource account = new GenericKubernetesResource();
      account.setApiVersion("v1");
      account.setKind("ServiceAccount");
      account.setMetadata(
          new ObjectMetaBuilder()
              .withName("robot")
              .withNamespace(ns.name())
              .withOwnerReferences(
                  reference(owner.getMetadata().getName(), owner.getMetadata().getUid()))
              .build());
      ResourceClient<GenericKubernetesResource> accounts = client.resources(serviceAccounts);
      accounts.create(account).await().atMost(WAIT);

      configMaps.delete(ns.name(), "owner").await().atMost(WAIT);

      Await.absent(accounts, ns.name(), "robot", WAIT);
    }
  }

  private static ReplicaSet replicaSetWithPods(
      KubeClient client, RunningControllers controllers, TestNamespace ns, int replicas) {
    ReplicaSet rs =
        client
            .resources(ReplicaSet.class)
            .create(Workloads.replicaSet(ns.name(), "web", replicas))
            .await()
            .atMost(WAIT);
    Informer<Pod> pods = controllers.informer(Pod.class);
    Await.cache(pods, () -> podsIn(pods, ns).size() == replicas, WAIT, replicas + " pods");
    return rs;
  }

  private static List<Pod> podsIn(Informer<Pod> pods, TestNamespace ns) {
    return pods.byIndex(Informer.NAMESPACE_INDEX, ns.name()).stream()
        .filter(PodStates::isActive)
        .toList();
  }

  private static <T extends HasMetadata> EventHandler<T> deletionsIn(
      TestNamespace ns, List<String> deletions) {
    return new EventHandler<>() {
      @Override
      public void onDelete(T object, Origin origin) {
        if (ns.name().equals(object.getMetadata().getNamespace())) {
          deletions.add(object.getKind() + "/" + object.getMetadata().getName());
        }
      }
    };
  }

  private static DeleteOptions policy(String policy) {
    DeleteOptions options = new DeleteOptions();
    options.setPropagationPolicy(policy);
    return options;
  }

  private static OwnerReference reference(String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("ConfigMap")
        .withName(name)
        .withUid(uid)
        .build();
  }

  private static ConfigMap configMap(TestNamespace ns, String name, List<OwnerReference> owners) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .withOwnerReferences(owners)
        .endMetadata()
        .build();
  }
}

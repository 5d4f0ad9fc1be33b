package io.bosun.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.controller.predicate.EventPredicate;
import io.bosun.controller.queue.ManualScheduler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.source.InMemoryEventSources;
import io.bosun.controller.source.ResourceEvent;
import io.bosun.controller.source.ResourceEvent.Origin;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ControllerTest {
  private final InMemoryEventSources sources = new InMemoryEventSources();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Request> calls = new CopyOnWriteArrayList<>();

  private ControllerBuilder<Deployment> deployments() {
    // Reconciles on the calling thread, so that each assert sees the calls the events made.
    return Controller.forResource(Deployment.class)
        .withScheduler(new ManualScheduler())
        .withExecutor(Runnable::run)
        .withMeterRegistry(registry);
  }

  private Controller start(ControllerBuilder<Deployment> builder) {
    Controller controller =
        builder.build(
            request -> {
              calls.add(request);
              return Uni.createFrom().item(Result.done());
            });
    controller.start(sources);
    return controller;
  }

  private static Deployment deployment(String name, long generation) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(name)
        .withGeneration(generation)
        .withResourceVersion(String.valueOf(100 + generation))
        .endMetadata()
        .build();
  }

  private static ReplicaSet replicaSetOwnedBy(String deployment) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(deployment + "-5d8f")
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(deployment)
                .withUid("uid-" + deployment)
                .withController(true)
                .build())
        .endMetadata()
        .build();
  }

  @Test
  void reconcilesThePrimaryObjectOfAnEvent() {
    start(deployments());

    sources.emit(Deployment.class, ResourceEvent.added(deployment("web", 1), Origin.LIVE));

    assertThat(calls).containsExactly(Request.of("shop", "web"));
  }

  @Test
  void ownsMapsAnOwnedObjectsEventsToItsControllingOwner() {
    start(deployments().owns(ReplicaSet.class));

    sources.emit(ReplicaSet.class, ResourceEvent.added(replicaSetOwnedBy("web"), Origin.LIVE));
    sources.emit(
        ReplicaSet.class,
        ResourceEvent.updated(replicaSetOwnedBy("api"), replicaSetOwnedBy("web")));
    sources.emit(ReplicaSet.class, ResourceEvent.deleted(replicaSetOwnedBy("db")));

    assertThat(calls)
        .containsExactlyInAnyOrder(
            Request.of("shop", "web"),
            Request.of("shop", "api"),
            Request.of("shop", "web"),
            Request.of("shop", "db"));
  }

  @Test
  void watchesMapsEventsThroughTheGivenMapper() {
    start(
        deployments()
            .watches(
                Secret.class,
                secret ->
                    Set.of(
                        Request.of(
                            secret.getMetadata().getNamespace(),
                            secret.getMetadata().getLabels().get("used-by")))));

    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("tls")
            .addToLabels("used-by", "web")
            .endMetadata()
            .build();
    sources.emit(Secret.class, ResourceEvent.added(secret, Origin.LIVE));

    assertThat(calls).containsExactly(Request.of("shop", "web"));
  }

  @Test
  void primaryPredicatesFilterEventsBeforeTheyAreQueued() {
    start(deployments().withPredicates(EventPredicate.generationChanged()));

    sources.emit(Deployment.class, ResourceEvent.resync(deployment("web", 1)));
    sources.emit(
        Deployment.class, ResourceEvent.updated(deployment("web", 1), deployment("web", 1)));
    assertThat(calls).isEmpty();

    sources.emit(
        Deployment.class, ResourceEvent.updated(deployment("web", 1), deployment("web", 2)));
    assertThat(calls).containsExactly(Request.of("shop", "web"));
  }

  @Test
  void predicatesOfAnOwnedKindApplyToThatKindOnly() {
    start(deployments().owns(ReplicaSet.class, EventPredicate.resourceVersionChanged()));

    sources.emit(ReplicaSet.class, ResourceEvent.resync(replicaSetOwnedBy("web")));
    sources.emit(Deployment.class, ResourceEvent.resync(deployment("web", 1)));

    assertThat(calls).containsExactly(Request.of("shop", "web"));
  }

  @Test
  void reconcilesLiveEventsBeforeTheInitialList() {
    List<UniEmitter<? super Result>> inFlight = new CopyOnWriteArrayList<>();
    Controller controller =
        deployments()
            .withOptions(ControllerOptions.builder().maxConcurrentReconciles(1).build())
            .build(
                request -> {
                  calls.add(request);
                  return Uni.createFrom().emitter(inFlight::add);
                });
    controller.start(sources);

    for (String name : List.of("a", "b", "c")) {
      sources.emit(Deployment.class, ResourceEvent.added(deployment(name, 1), Origin.INITIAL_LIST));
    }
    sources.emit(
        Deployment.class, ResourceEvent.updated(deployment("live", 1), deployment("live", 2)));
    while (calls.size() < 4) {
      inFlight.get(calls.size() - 1).complete(Result.done());
    }

    assertThat(calls).extracting(Request::name).containsExactly("a", "live", "b", "c");
  }

  @Test
  void isNamedAfterItsKindUnlessTheOptionsNameIt() {
    assertThat(deployments().build(request -> null).name()).isEqualTo("deployment");
    assertThat(
            deployments()
                .withOptions(ControllerOptions.builder().name("rollouts").build())
                .build(request -> null)
                .name())
        .isEqualTo("rollouts");
  }

  @Test
  void runsOnceAtATimeAndStopsDeliveringEventsWhenStopped() {
    Controller controller = start(deployments().owns(ReplicaSet.class));
    assertThat(sources.handlerCount(Deployment.class)).isEqualTo(1);
    assertThat(sources.handlerCount(ReplicaSet.class)).isEqualTo(1);
    assertThatThrownBy(() -> controller.start(sources)).isInstanceOf(IllegalStateException.class);

    controller.stop().await().indefinitely();

    assertThat(sources.handlerCount(Deployment.class)).isZero();
    assertThat(sources.handlerCount(ReplicaSet.class)).isZero();
    sources.emit(Deployment.class, ResourceEvent.added(deployment("web", 1), Origin.LIVE));
    assertThat(calls).isEmpty();
  }

  @Test
  void startsAgainAfterItsStopCompleted() {
    Controller controller = start(deployments());
    controller.stop().await().indefinitely();

    controller.start(sources);
    sources.emit(Deployment.class, ResourceEvent.added(deployment("web", 1), Origin.LIVE));

    assertThat(sources.handlerCount(Deployment.class)).isEqualTo(1);
    assertThat(calls).containsExactly(Request.of("shop", "web"));
    controller.stop().await().indefinitely();
  }

  @Test
  void refusesToStartWhileAReconcileIsStillDraining() {
    List<UniEmitter<? super Result>> inFlight = new CopyOnWriteArrayList<>();
    Controller controller = deployments().build(request -> Uni.createFrom().emitter(inFlight::add));
    controller.start(sources);
    sources.emit(Deployment.class, ResourceEvent.added(deployment("web", 1), Origin.LIVE));

    Uni<Void> stopped = controller.stop();
    assertThatThrownBy(() -> controller.start(sources))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("still stopping");

    inFlight.get(0).complete(Result.done());
    stopped.await().indefinitely();
    controller.start(sources);
    controller.stop().await().indefinitely();
  }

  @Test
  void namesItsWatchedKindsPrimaryFirst() {
    Controller controller =
        deployments().owns(ReplicaSet.class).watches(Secret.class, s -> Set.of()).build(r -> null);

    assertThat(controller.watchedTypes())
        .containsExactly(Deployment.class, ReplicaSet.class, Secret.class);
  }

  @Test
  void optionsHaveTheirDocumentedDefaults() {
    ControllerOptions defaults = ControllerOptions.DEFAULTS;

    assertThat(defaults.maxConcurrentReconciles()).isEqualTo(10);
    assertThat(defaults.reconcileTimeout()).hasMinutes(1);
    assertThat(defaults.blockingThreshold()).hasMillis(100);
    assertThat(defaults.name()).isEmpty();
    assertThatThrownBy(() -> ControllerOptions.builder().maxConcurrentReconciles(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

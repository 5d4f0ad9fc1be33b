package io.bosun.controllers.namespace;

import io.bosun.controller.client.ApiResource;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Empties a Terminating namespace: deletes the objects of every namespaced resource the server
 * serves, reports what remains in the namespace's conditions, and once nothing remains removes the
 * {@code kubernetes} finalizer through {@code /finalize}, which lets the namespace go.
 */
final class NamespaceReconciler implements Reconciler {
  /** The finalizer the namespace controller owns. */
  static final String FINALIZER = "kubernetes";

  /** How many resources are emptied at once. */
  static final int PARALLEL_RESOURCES = 8;

  /** The longest wait before looking again at content that is still going. */
  static final Duration MAX_WAIT = Duration.ofSeconds(15);

  private final KubeClient client;
  private final ResourceClient<Namespace> namespaces;
  private final Informer<Namespace> cache;
  private final Contents contents;
  private final Discovery discovery;
  private final Clock clock;

  NamespaceReconciler(KubeClient client, Informer<Namespace> cache, Clock clock) {
    this.client = client;
    this.namespaces = client.resources(Namespace.class);
    this.cache = cache;
    this.contents = new Contents(client);
    this.discovery = new Discovery(client, clock);
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    Optional<Namespace> found = cache.get("", request.name());
    if (found.isEmpty()) {
      return Uni.createFrom().item(Result.done());
    }
    Namespace namespace = found.get();
    List<String> finalizers =
        namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null
            ? List.of()
            : namespace.getSpec().getFinalizers();
    if (namespace.getMetadata().getDeletionTimestamp() == null || !finalizers.contains(FINALIZER)) {
      return Uni.createFrom().item(Result.done());
    }
    String name = request.name();
    return discovery
        .resources()
        .onFailure()
        .call(
            failure ->
                writeConditions(
                        namespace, DeletionConditions.discoveryFailed(failure, clock.instant()))
                    .onFailure()
                    .recoverWithNull())
        .map(resources -> resources.stream().filter(NamespaceReconciler::deletable).toList())
        .flatMap(
            resources ->
                Multi.createFrom()
                    .iterable(resources)
                    .onItem()
                    .transformToUni(resource -> contents.empty(resource, name))
                    .merge(PARALLEL_RESOURCES)
                    .collect()
                    .asList())
        .flatMap(
            remaining -> {
              List<NamespaceCondition> conditions =
                  DeletionConditions.of(remaining, clock.instant());
              Throwable failure =
                  remaining.stream()
                      .map(Contents.Remaining::failure)
                      .filter(f -> f != null)
                      .findFirst()
                      .orElse(null);
              int left = remaining.stream().mapToInt(Contents.Remaining::objects).sum();
              Uni<Void> reported = writeConditions(namespace, conditions);
              if (failure != null) {
                return reported.flatMap(ignored -> Uni.createFrom().failure(failure));
              }
              if (left > 0) {
                long grace =
                    remaining.stream()
                        .mapToLong(Contents.Remaining::longestGraceSeconds)
                        .max()
                        .orElse(0);
                Duration wait =
                    Duration.ofSeconds(Math.max(1, Math.min(grace, MAX_WAIT.toSeconds())));
                return reported.replaceWith(Result.requeueAfter(wait));
              }
              return reported
                  .flatMap(ignored -> finalizeNamespace(name))
                  .replaceWith(Result.done());
            });
  }

  /** Resources whose objects can be listed and deleted one by one in a namespace. */
  private static boolean deletable(ApiResource resource) {
    return resource.namespaced() && resource.supports("list") && resource.supports("delete");
  }

  /** Takes the {@code kubernetes} finalizer off the namespace, read fresh from the server. */
  private Uni<Void> finalizeNamespace(String name) {
    return namespaces
        .get(null, name)
        .flatMap(
            fresh -> {
              List<String> rest =
                  fresh.getSpec().getFinalizers().stream()
                      .filter(f -> !f.equals(FINALIZER))
                      .toList();
              Namespace finalized =
                  new NamespaceBuilder(fresh).editSpec().withFinalizers(rest).endSpec().build();
              return namespaces.updateSubresource(null, name, "finalize", finalized);
            })
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<Void> writeConditions(Namespace namespace, List<NamespaceCondition> conditions) {
    List<NamespaceCondition> current =
        namespace.getStatus() == null || namespace.getStatus().getConditions() == null
            ? List.of()
            : namespace.getStatus().getConditions();
    if (DeletionConditions.same(current, conditions)) {
      return Uni.createFrom().voidItem();
    }
    List<NamespaceCondition> merged = DeletionConditions.keepTransitionTimes(current, conditions);
    return namespaces
        .patchStatus(
            null,
            namespace.getMetadata().getName(),
            Patch.merge(Map.of("status", Map.of("conditions", merged))),
            new PatchOptions())
        .invoke(cache::recordWrite)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }
}

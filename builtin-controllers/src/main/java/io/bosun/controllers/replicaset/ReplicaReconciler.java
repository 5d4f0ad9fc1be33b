package io.bosun.controllers.replicaset;

import io.bosun.controller.client.ApiException;
import io.bosun.controller.client.ForbiddenException;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.bosun.controller.reconcile.TerminalException;
import io.bosun.controllers.events.EventRecorder;
import io.bosun.controllers.ownership.Claims;
import io.bosun.controllers.ownership.ControlledObjects;
import io.bosun.controllers.ownership.ControllerRefs;
import io.bosun.controllers.pods.DeletionOrder;
import io.bosun.controllers.pods.PodStates;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps the number of active pods a ReplicaSet (or ReplicationController) controls at its {@code
 * replicas}, as Kubernetes' ReplicaSet controller: claims the pods its selector selects, creates
 * missing ones in slow-start batches, deletes the least valuable extra ones, and writes the status.
 * While its own writes are in flight or unseen ({@link Expectations}) it only updates the status.
 */
final class ReplicaReconciler<R extends HasMetadata> implements Reconciler {
  /** The most pods created or deleted in one reconcile: 500, as in Kubernetes. */
  static final int BURST_REPLICAS = 500;

  private final ReplicatedKind<R> kind;
  private final ResourceClient<R> owners;
  private final ResourceClient<Pod> pods;
  private final Informer<R> ownerCache;
  private final Informer<Pod> podCache;
  private final Claims<Pod> claims;
  private final ControlledObjects<Pod> podsByController;
  private final Expectations expectations;
  private final EventRecorder events;
  private final Clock clock;

  ReplicaReconciler(
      ReplicatedKind<R> kind,
      ResourceClient<R> owners,
      ResourceClient<Pod> pods,
      Informer<R> ownerCache,
      Informer<Pod> podCache,
      EventRecorder events,
      Clock clock) {
    this.kind = kind;
    this.owners = owners;
    this.pods = pods;
    this.ownerCache = ownerCache;
    this.podCache = podCache;
    this.claims = new Claims<>(pods, podCache);
    this.podsByController = ControlledObjects.over(podCache);
    this.expectations = new Expectations(clock);
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    String key = request.toString();
    Optional<R> found = ownerCache.get(request.namespace(), request.name());
    if (found.isEmpty()) {
      expectations.forget(key);
      return Uni.createFrom().item(Result.done());
    }
    R owner = found.get();
    List<Pod> active =
        podsByController.claimable(request.namespace(), owner.getMetadata().getUid()).stream()
            .filter(PodStates::isActive)
            .toList();
    boolean mayAct =
        expectations.satisfied(key, this::listedActive) && !ControllerRefs.isBeingDeleted(owner);
    return claims
        .claim(
            owner,
            pod -> kind.selects(owner, pod.getMetadata().getLabels()),
            active,
            () -> recheck(owner))
        .flatMap(
            owned -> {
              Uni<Throwable> managed =
                  mayAct
                      ? manage(owner, owned, key)
                          .onItem()
                          .transform(ignored -> (Throwable) null)
                          .onFailure()
                          .recoverWithItem(failure -> failure)
                      : Uni.createFrom().nullItem();
              return managed.flatMap(
                  failure ->
                      writeStatus(
                              owner,
                              ReplicaStatuses.compute(kind, owner, owned, failure, clock.instant()))
                          .flatMap(
                              ignored ->
                                  failure == null
                                      ? Uni.createFrom().item(next(owner, owned))
                                      : Uni.createFrom().failure(failure)));
            });
  }

  /** Creates or deletes pods to close the difference between owned pods and replicas. */
  private Uni<Void> manage(R owner, List<Pod> owned, String key) {
    int diff = owned.size() - kind.replicas(owner);
    if (diff < 0) {
      PodTemplateSpec template = kind.template(owner);
      if (template == null || template.getSpec() == null) {
        return Uni.createFrom()
            .failure(new TerminalException(key + " has no pod template to create pods from"));
      }
      int count = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, count);
      return SlowStart.run(count, () -> createPod(owner, template, key))
          .flatMap(
              outcome -> {
                for (int i = 0; i < outcome.skipped(); i++) {
                  expectations.creationObserved(key);
                }
                return outcome.failure() == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(outcome.failure());
              });
    }
    if (diff > 0) {
      List<Pod> victims = DeletionOrder.leastValuable(owned, owned, Math.min(diff, BURST_REPLICAS));
      expectations.expectDeletions(
          key, victims.stream().map(ReplicaReconciler::podKey).collect(Collectors.toSet()));
      List<Uni<Throwable>> deletions =
          victims.stream().map(pod -> deletePod(owner, pod, key)).toList();
      return Uni.join()
          .all(deletions)
          .andFailFast()
          .flatMap(
              failures ->
                  failures.stream()
                      .filter(Objects::nonNull)
                      .findFirst()
                      .map(failure -> Uni.createFrom().<Void>failure(failure))
                      .orElseGet(() -> Uni.createFrom().voidItem()));
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> createPod(R owner, PodTemplateSpec template, String key) {
    return pods.create(PodTemplates.newPod(owner, template))
        .invoke(
            created -> {
              podCache.recordWrite(created);
              events.record(
                  owner,
                  EventRecorder.NORMAL,
                  "SuccessfulCreate",
                  "Created pod: " + created.getMetadata().getName());
            })
        .onTermination()
        .invoke(() -> expectations.creationObserved(key))
        // A namespace being deleted (or gone) refuses new pods; the owner goes with it.
        .onFailure(failure -> namespaceTerminating(failure) || failure instanceof NotFoundException)
        .recoverWithNull()
        .onFailure()
        .invoke(
            failure ->
                events.record(
                    owner,
                    EventRecorder.WARNING,
                    "FailedCreate",
                    "Error creating: " + message(failure)))
        .replaceWithVoid();
  }

  /** Deletes one pod; answers the failure, or null. */
  private Uni<Throwable> deletePod(R owner, Pod pod, String key) {
    Expectations.PodKey podKey = podKey(pod);
    DeleteOptions options = new DeleteOptions();
    options.setPreconditions(new Preconditions(null, podKey.uid()));
    return pods.delete(podKey.namespace(), podKey.name(), options)
        .invoke(
            () ->
                events.record(
                    owner,
                    EventRecorder.NORMAL,
                    "SuccessfulDelete",
                    "Deleted pod: " + podKey.name()))
        .onItem()
        .transform(ignored -> (Throwable) null)
        .onFailure(NotFoundException.class)
        .recoverWithItem(
            gone -> {
              expectations.deletionObserved(key, podKey);
              return null;
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              expectations.deletionObserved(key, podKey);
              events.record(
                  owner,
                  EventRecorder.WARNING,
                  "FailedDelete",
                  "Error deleting: " + message(failure));
              return failure;
            });
  }

  private Uni<Void> writeStatus(R owner, ReplicaStatus status) {
    if (status.equals(kind.status(owner))) {
      return Uni.createFrom().voidItem();
    }
    return owners
        .patchStatus(
            owner.getMetadata().getNamespace(),
            owner.getMetadata().getName(),
            Patch.merge(status.toPatch()),
            new PatchOptions())
        .invoke(ownerCache::recordWrite)
        .onFailure(NotFoundException.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Done, or another look when a ready pod will have been ready for minReadySeconds. */
  private Result next(R owner, List<Pod> owned) {
    int minReady = kind.minReadySeconds(owner);
    Instant now = clock.instant();
    return owned.stream()
        .map(pod -> PodStates.untilAvailable(pod, minReady, now))
        .flatMap(Optional::stream)
        .min(Duration::compareTo)
        .map(wait -> Result.requeueAfter(wait.plusMillis(50)))
        .orElse(Result.done());
  }

  /** Checks with the server, not the cache, that the owner may still adopt. */
  private Uni<Void> recheck(R owner) {
    String uid = owner.getMetadata().getUid();
    return owners
        .get(owner.getMetadata().getNamespace(), owner.getMetadata().getName())
        .map(
            fresh -> {
              if (!Objects.equals(fresh.getMetadata().getUid(), uid)) {
                throw new IllegalStateException(
                    "original "
                        + owner.getMetadata().getName()
                        + " is gone: got uid "
                        + fresh.getMetadata().getUid()
                        + ", wanted "
                        + uid);
              }
              if (ControllerRefs.isBeingDeleted(fresh)) {
                throw new IllegalStateException(
                    owner.getMetadata().getName() + " has just been deleted");
              }
              return null;
            });
  }

  /** Whether the cache still lists the pod, as the same pod, active. */
  private boolean listedActive(Expectations.PodKey key) {
    return podCache
        .get(key.namespace(), key.name())
        .filter(pod -> Objects.equals(pod.getMetadata().getUid(), key.uid()))
        .filter(PodStates::isActive)
        .isPresent();
  }

  private static Expectations.PodKey podKey(Pod pod) {
    return new Expectations.PodKey(
        pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid());
  }

  private static boolean namespaceTerminating(Throwable failure) {
    return failure instanceof ForbiddenException forbidden
        && (forbidden.causes().stream().anyMatch(c -> "NamespaceTerminating".equals(c.getReason()))
            || forbidden.getMessage().contains("because it is being terminated"));
  }

  /** The server's message of a failure, without our status-code prefix. */
  static String message(Throwable failure) {
    if (failure instanceof ApiException api && api.status().getMessage() != null) {
      return api.status().getMessage();
    }
    return String.valueOf(failure.getMessage());
  }
}

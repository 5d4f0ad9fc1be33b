package io.bosun.controllers.ownership;

import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Claims the objects a controller manages, as Kubernetes' ControllerRefManager does: it keeps the
 * ones it controls that its selector still selects, adopts orphans that the selector selects
 * (setting a controller reference), and releases the ones it controls that the selector no longer
 * selects (removing the reference). Objects controlled by someone else are left alone.
 *
 * <p>Each adoption and release is a merge patch of the whole {@code ownerReferences} list pinned to
 * the resourceVersion it was computed from, so a concurrent change fails with a conflict instead of
 * being overwritten; the server's answer goes into the informer at once.
 *
 * @param <C> the type of the claimed objects
 */
public final class Claims<C extends HasMetadata> {
  private final ResourceClient<C> client;
  private final Informer<C> cache;

  /** Claims objects through {@code client}, recording the writes in {@code cache}. */
  public Claims(ResourceClient<C> client, Informer<C> cache) {
    this.client = Objects.requireNonNull(client, "client");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Claims among {@code candidates} for {@code owner}, and answers the objects it controls
   * afterwards.
   *
   * @param selects whether the owner's selector selects an object
   * @param canAdopt checks, against the server rather than the cache, that the owner still exists
   *     and is not being deleted; called at most once, and only when there is an orphan to adopt;
   *     its failure fails the claim
   */
  @CheckReturnValue
  public Uni<List<C>> claim(
      HasMetadata owner, Predicate<C> selects, List<C> candidates, Supplier<Uni<Void>> canAdopt) {
    Uni<Void> adoptable = Uni.createFrom().deferred(() -> canAdopt.get()).memoize().indefinitely();
    return Multi.createFrom()
        .iterable(candidates)
        .onItem()
        .transformToUniAndConcatenate(child -> claimOne(owner, child, selects, adoptable))
        .collect()
        .asList()
        .map(results -> results.stream().flatMap(Optional::stream).toList());
  }

  private Uni<Optional<C>> claimOne(
      HasMetadata owner, C child, Predicate<C> selects, Uni<Void> adoptable) {
    String ownerUid = owner.getMetadata().getUid();
    boolean ownerDeleting = ControllerRefs.isBeingDeleted(owner);
    Optional<OwnerReference> controller = ControllerRefs.controllerOf(child);
    if (controller.isPresent()) {
      if (!Objects.equals(controller.get().getUid(), ownerUid)) {
        return none();
      }
      if (selects.test(child)) {
        return Uni.createFrom().item(Optional.of(child));
      }
      if (ownerDeleting) {
        return none();
      }
      return write(child, ControllerRefs.without(child, ownerUid)).replaceWith(Optional.empty());
    }
    if (ownerDeleting || ControllerRefs.isBeingDeleted(child) || !selects.test(child)) {
      return none();
    }
    OwnerReference reference = ControllerRefs.controllerReference(owner);
    return adoptable.flatMap(
        ok -> write(child, ControllerRefs.with(child, reference)).map(Optional::ofNullable));
  }

  /** Writes the object's new references; answers it as written, or null if it is gone. */
  private Uni<C> write(C child, List<OwnerReference> references) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", child.getMetadata().getResourceVersion());
    metadata.put("ownerReferences", references.isEmpty() ? null : references);
    return client
        .patch(
            child.getMetadata().getNamespace(),
            child.getMetadata().getName(),
            Patch.merge(Map.of("metadata", metadata)))
        .invoke(cache::recordWrite)
        .onFailure(NotFoundException.class)
        .recoverWithNull();
  }

  private static <C> Uni<Optional<C>> none() {
    return Uni.createFrom().item(Optional.empty());
  }
}

package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.FieldManager;
import io.bosun.apiserver.storage.Preconditions;
import io.bosun.apiserver.storage.StorageException;
import io.smallrye.mutiny.Uni;
import java.time.Clock;

/** Server-side apply through the store: the merge as a manager, and create-on-apply. */
final class ServerSideApply {
  private final GenericStore store;
  private final Deletion deletion;
  private final Clock clock;

  ServerSideApply(GenericStore store, Deletion deletion, Clock clock) {
    this.store = store;
    this.deletion = deletion;
    this.clock = clock;
  }

  /**
   * Server-side apply: merges {@code config} into the object as {@code manager}, creating the
   * object when it does not exist (through the main resource only). Fails with 409 when the apply
   * would change fields other managers own, unless {@code force}.
   */
  Uni<Applied> apply(
      ResourceType type,
      String namespace,
      String name,
      Subresource subresource,
      ObjectNode config,
      String manager,
      boolean force) {
    FieldManager fields = FieldTracking.manager(type, subresource, clock);
    return Uni.createFrom()
        .item(() -> ApplyRequests.check(type, subresource, name, config))
        .flatMap(
            applied ->
                deletion
                    .update(
                        type,
                        GenericStore.key(type, namespace, name),
                        Preconditions.NONE,
                        current -> {
                          ObjectNode merged =
                              ApplyRequests.merge(
                                  type,
                                  applied,
                                  () ->
                                      fields.apply(
                                          JsonTrees.read(current.json()), applied, manager, force));
                          WriteRules.checkResourceVersion(type, name, merged, current);
                          return WriteRules.applyUpdate(
                              type,
                              subresource,
                              subresource.view(type, merged),
                              current,
                              FieldTracking.applied(merged));
                        })
                    .map(updated -> new Applied(updated, false))
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithUni(
                        notFound ->
                            subresource == Subresource.MAIN
                                ? createByApply(type, namespace, name, applied, manager, force)
                                : Uni.createFrom().failure(notFound)));
  }

  /** The apply of a missing object: the merge of the configuration into nothing, created. */
  private Uni<Applied> createByApply(
      ResourceType type,
      String namespace,
      String name,
      ObjectNode applied,
      String manager,
      boolean force) {
    FieldManager fields = FieldTracking.manager(type, Subresource.MAIN, clock);
    return Uni.createFrom()
        .item(
            () ->
                ApplyRequests.forCreate(
                    type,
                    name,
                    ApplyRequests.merge(
                        type, applied, () -> fields.apply(null, applied, manager, force))))
        .flatMap(
            created ->
                store
                    .createTracked(type, namespace, created, FieldTracking.applied(created))
                    .map(object -> new Applied(object, true)))
        // Created by someone else meanwhile: apply to theirs.
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithUni(
            () -> apply(type, namespace, name, Subresource.MAIN, applied, manager, force));
  }
}

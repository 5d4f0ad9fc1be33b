package io.bosun.controllers.ownership;

import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cached objects of a kind by their controller, through an index of the shared informer, as
 * Kubernetes' workload controllers find them: those an owner controls, and the orphans of a
 * namespace that it may adopt. An owner's reconcile so decodes its own objects, not every object of
 * its namespace.
 *
 * @param <T> the type of the controlled objects
 */
public final class ControlledObjects<T extends HasMetadata> {
  /** The index's name; one index serves every controller of the informer. */
  static final String INDEX = "ownership/controller";

  private final Informer<T> cache;

  private ControlledObjects(Informer<T> cache) {
    this.cache = cache;
  }

  /** The objects of {@code cache} by controller; adds the index unless a controller did already. */
  public static <T extends HasMetadata> ControlledObjects<T> over(Informer<T> cache) {
    Objects.requireNonNull(cache, "cache");
    cache.addIndexerIfAbsent(INDEX, ControlledObjects::indexValue);
    return new ControlledObjects<>(cache);
  }

  /** The cached objects whose controller has uid {@code ownerUid}. */
  public List<T> controlledBy(String ownerUid) {
    return cache.byIndex(INDEX, ownerUid);
  }

  /** What an owner may claim: the objects it controls, then the orphans of {@code namespace}. */
  public List<T> claimable(String namespace, String ownerUid) {
    List<T> claimable = new ArrayList<>(controlledBy(ownerUid));
    claimable.addAll(cache.byIndex(INDEX, orphanIn(namespace)));
    return claimable;
  }

  /** A controller's uid, or for an orphan its namespace, marked so that no uid can equal it. */
  private static List<String> indexValue(HasMetadata object) {
    return List.of(
        ControllerRefs.controllerOf(object)
            .map(ref -> ref.getUid())
            .orElseGet(() -> orphanIn(object.getMetadata().getNamespace())));
  }

  private static String orphanIn(String namespace) {
    return "orphan in " + namespace;
  }
}

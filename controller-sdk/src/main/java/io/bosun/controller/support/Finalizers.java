package io.bosun.controller.support;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds and removes a controller's finalizer, so that an object it manages is not deleted before it
 * has cleaned up. Each write is a merge patch of {@code metadata.finalizers} that carries the
 * resourceVersion read: if anyone changed the object since, the server answers 409 Conflict (a
 * failed {@code Uni}, retried by the controller with the fresh object) instead of the patch
 * overwriting their finalizers.
 *
 * <pre>{@code
 * if (Finalizers.isDeleting(foo)) {
 *   return cleanUp(foo)
 *       .chain(() -> Finalizers.remove(foos, foo, FINALIZER))
 *       .replaceWith(Result.done());
 * }
 * return Finalizers.ensure(foos, foo, FINALIZER)
 *     .chain(added -> reconcileFoo(foo));
 * }</pre>
 *
 * Pass a {@link ReadYourWrites} client so that the next reconcile sees the change in the cache.
 */
public final class Finalizers {
  private Finalizers() {}

  /** Whether {@code object} lists {@code finalizer}. */
  public static boolean has(HasMetadata object, String finalizer) {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(finalizer, "finalizer");
    List<String> finalizers = object.getMetadata().getFinalizers();
    return finalizers != null && finalizers.contains(finalizer);
  }

  /** Whether {@code object} is being deleted: it has a deletionTimestamp. */
  public static boolean isDeleting(HasMetadata object) {
    Objects.requireNonNull(object, "object");
    return object.getMetadata().getDeletionTimestamp() != null;
  }

  /**
   * Adds {@code finalizer} to {@code object} unless it is there already or the object is being
   * deleted (Kubernetes refuses new finalizers then).
   *
   * @param object the object as read, with its resourceVersion
   * @return whether the finalizer was added
   * @throws IllegalArgumentException if the finalizer is empty or the object has no name or
   *     resourceVersion
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<Boolean> ensure(
      ResourceClient<T> resources, T object, String finalizer) {
    check(resources, object, finalizer);
    if (has(object, finalizer) || isDeleting(object)) {
      return Uni.createFrom().item(false);
    }
    List<String> next = new ArrayList<>(current(object));
    next.add(finalizer);
    return write(resources, object, next).replaceWith(true);
  }

  /**
   * As {@link #ensure(ResourceClient, HasMetadata, String)}, with the client of the object's class.
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<Boolean> ensure(
      KubeClient client, T object, String finalizer) {
    return ensure(resourcesOf(client, object), object, finalizer);
  }

  /**
   * Removes {@code finalizer} from {@code object}, typically once its clean-up is done; when it was
   * the last finalizer of an object being deleted, the server deletes the object.
   *
   * @param object the object as read, with its resourceVersion
   * @return whether the finalizer was removed; false if it was not there, or the object is gone
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<Boolean> remove(
      ResourceClient<T> resources, T object, String finalizer) {
    check(resources, object, finalizer);
    if (!has(object, finalizer)) {
      return Uni.createFrom().item(false);
    }
    List<String> next = new ArrayList<>(current(object));
    next.removeIf(finalizer::equals);
    return write(resources, object, next)
        .replaceWith(true)
        .onFailure(NotFoundException.class)
        .recoverWithItem(false);
  }

  /**
   * As {@link #remove(ResourceClient, HasMetadata, String)}, with the client of the object's class.
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<Boolean> remove(
      KubeClient client, T object, String finalizer) {
    return remove(resourcesOf(client, object), object, finalizer);
  }

  private static <T extends HasMetadata> Uni<T> write(
      ResourceClient<T> resources, T object, List<String> finalizers) {
    ObjectMeta meta = object.getMetadata();
    Map<String, Object> metadata = new LinkedHashMap<>();
    // The resourceVersion makes the patch conditional: a concurrent change is a 409.
    metadata.put("resourceVersion", meta.getResourceVersion());
    metadata.put("finalizers", finalizers);
    return resources.patch(
        meta.getNamespace(), meta.getName(), Patch.merge(Map.of("metadata", metadata)));
  }

  private static List<String> current(HasMetadata object) {
    List<String> finalizers = object.getMetadata().getFinalizers();
    return finalizers == null ? List.of() : finalizers;
  }

  private static void check(ResourceClient<?> resources, HasMetadata object, String finalizer) {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(finalizer, "finalizer");
    if (finalizer.isEmpty()) {
      throw new IllegalArgumentException("finalizer must not be empty");
    }
    ObjectMeta meta = object.getMetadata();
    if (meta == null || meta.getName() == null || meta.getResourceVersion() == null) {
      throw new IllegalArgumentException(
          "the object must be one read from the server, with a name and a resourceVersion");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> ResourceClient<T> resourcesOf(
      KubeClient client, T object) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(object, "object");
    return client.resources((Class<T>) object.getClass());
  }
}

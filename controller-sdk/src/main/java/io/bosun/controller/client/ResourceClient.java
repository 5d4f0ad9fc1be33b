package io.bosun.controller.client;

import io.fabric8.kubernetes.api.model.CreateOptions;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.UpdateOptions;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The operations on one kind. Obtained from {@link KubeClient#resources(ResourceDescriptor)}.
 * Nothing is sent until the returned {@code Uni} or {@code Multi} is subscribed to; failures arrive
 * as failed {@code Uni}s: an {@link ApiException} subclass for an answer of the server, an {@link
 * ApiUnreachableException} when it cannot be reached. Reads are retried with back-off on connection
 * failures, 429 and 5xx answers; writes are not.
 *
 * <p>For a namespaced kind {@code namespace} is required on reads and writes of one object, and
 * {@code null} lists or watches all namespaces; for a cluster-scoped kind it must be {@code null}.
 * Misuse throws {@link IllegalArgumentException} at the call.
 *
 * @param <T> the Java type of the kind's objects
 */
public interface ResourceClient<T> {

  /** The kind this client works on. */
  ResourceDescriptor<T> descriptor();

  /** Reads one object; fails with {@link NotFoundException} if it does not exist. */
  @CheckReturnValue
  Uni<T> get(String namespace, String name);

  /**
   * Reads one page of objects. {@code options} carries the label and field selectors, {@code limit}
   * and {@code continue} for pagination, and {@code resourceVersion} (with {@code
   * resourceVersionMatch}) for the version to read at.
   */
  @CheckReturnValue
  Uni<ResourceList<T>> list(String namespace, ListOptions options);

  /** Reads all objects in {@code namespace} (or all namespaces for {@code null}) in one page. */
  @CheckReturnValue
  default Uni<ResourceList<T>> list(String namespace) {
    return list(namespace, new ListOptions());
  }

  /**
   * Streams changes as they happen. {@code options} carries the selectors, the {@code
   * resourceVersion} to start after (none: the current objects arrive first as {@code ADDED}),
   * {@code allowWatchBookmarks} and {@code timeoutSeconds}. The {@code Multi} completes when the
   * server ends the watch, and fails with {@link GoneException} when the version is too old to
   * resume from. Cancelling it closes the stream.
   */
  @CheckReturnValue
  Multi<WatchEvent<T>> watch(String namespace, ListOptions options);

  /** Creates an object in the namespace its metadata names. */
  @CheckReturnValue
  default Uni<T> create(T object) {
    return create(object, new CreateOptions());
  }

  /** Creates an object, with {@code dryRun} or a {@code fieldManager} from {@code options}. */
  @CheckReturnValue
  Uni<T> create(T object, CreateOptions options);

  /**
   * Replaces an object. With a resourceVersion in its metadata the write fails with {@link
   * ConflictException} if the object changed since; without one it overwrites.
   */
  @CheckReturnValue
  default Uni<T> update(T object) {
    return update(object, new UpdateOptions());
  }

  /** Replaces an object, with {@code dryRun} or a {@code fieldManager} from {@code options}. */
  @CheckReturnValue
  Uni<T> update(T object, UpdateOptions options);

  /** Replaces the status of an object (the {@code status} subresource). */
  @CheckReturnValue
  Uni<T> updateStatus(T object);

  /**
   * Replaces a subresource whose body is the object itself, other than status: a Namespace's {@code
   * finalize}, for example.
   */
  @CheckReturnValue
  Uni<T> updateSubresource(String namespace, String name, String subresource, T object);

  /** Patches an object. */
  @CheckReturnValue
  default Uni<T> patch(String namespace, String name, Patch patch) {
    return patch(namespace, name, patch, new PatchOptions());
  }

  /**
   * Patches an object with {@code options}: {@code fieldManager} (required for {@link
   * Patch#apply}), {@code force} (apply only) and {@code dryRun}.
   */
  @CheckReturnValue
  Uni<T> patch(String namespace, String name, Patch patch, PatchOptions options);

  /** Patches the status of an object (the {@code status} subresource). */
  @CheckReturnValue
  Uni<T> patchStatus(String namespace, String name, Patch patch, PatchOptions options);

  /** Deletes an object; fails with {@link NotFoundException} if it does not exist. */
  @CheckReturnValue
  default Uni<Void> delete(String namespace, String name) {
    return delete(namespace, name, new DeleteOptions());
  }

  /**
   * Deletes an object with {@code options}: {@code propagationPolicy}, {@code preconditions} (uid,
   * resourceVersion: a mismatch fails with {@link ConflictException}), {@code gracePeriodSeconds}
   * and {@code dryRun}.
   */
  @CheckReturnValue
  Uni<Void> delete(String namespace, String name, DeleteOptions options);

  /** Reads the {@code scale} subresource. */
  @CheckReturnValue
  Uni<Scale> getScale(String namespace, String name);

  /** Replaces the {@code scale} subresource (typically to set {@code spec.replicas}). */
  @CheckReturnValue
  Uni<Scale> updateScale(String namespace, String name, Scale scale);

  /** Patches the {@code scale} subresource. */
  @CheckReturnValue
  Uni<Scale> patchScale(String namespace, String name, Patch patch);

  /**
   * Posts {@code body} to a subresource that acts rather than stores, such as a pod's {@code
   * binding} or {@code eviction}. The server's answer (usually a {@code Status}) is discarded.
   *
   * @throws IllegalArgumentException if {@code subresource} is empty
   */
  @CheckReturnValue
  Uni<Void> post(String namespace, String name, String subresource, Object body);
}

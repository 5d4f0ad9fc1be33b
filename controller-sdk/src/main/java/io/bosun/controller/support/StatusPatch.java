package io.bosun.controller.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.support.internal.MergePatches;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.PatchOptionsBuilder;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.Objects;

/**
 * Writes an object's status through its {@code status} subresource, touching only the status.
 *
 * <ul>
 *   <li>{@link #mergeFrom}: a merge patch of what differs between the status read and the status
 *       wanted (removed fields as null), and no request at all when nothing differs, so a reconcile
 *       that changes nothing writes nothing and triggers no event.
 *   <li>{@link #apply}: server-side apply of the status wanted, as a field manager that owns it.
 * </ul>
 *
 * <pre>{@code
 * Foo desired = current.edit().withNewStatus().withReady(true).endStatus().build();
 * return StatusPatch.mergeFrom(foos, current, desired).replaceWith(Result.done());
 * }</pre>
 *
 * Pass a {@link ReadYourWrites} client so that the next reconcile sees the new status.
 */
public final class StatusPatch {
  private StatusPatch() {}

  /**
   * Patches {@code current}'s status into {@code desired}'s with a merge patch of the difference.
   *
   * @return the object as written, or {@code current} when the statuses were equal
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<T> mergeFrom(
      ResourceClient<T> resources, T current, T desired) {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    ResourceDescriptor<T> descriptor = resources.descriptor();
    ObjectNode diff = MergePatches.diff(status(descriptor, current), status(descriptor, desired));
    if (diff.isEmpty()) {
      return Uni.createFrom().item(current);
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.set("status", diff);
    return resources.patchStatus(
        namespace(current), current.getMetadata().getName(), Patch.merge(patch), options(null));
  }

  /**
   * Server-side applies {@code desired}'s status as {@code fieldManager}, taking over fields other
   * managers own ({@code force}); status fields this manager applied before and leaves out now are
   * removed.
   *
   * @return the object as written
   */
  @CheckReturnValue
  public static <T extends HasMetadata> Uni<T> apply(
      ResourceClient<T> resources, T desired, String fieldManager) {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(fieldManager, "fieldManager");
    if (fieldManager.isEmpty()) {
      throw new IllegalArgumentException("fieldManager must not be empty");
    }
    ResourceDescriptor<T> descriptor = resources.descriptor();
    ObjectNode configuration = JsonNodeFactory.instance.objectNode();
    configuration.put("apiVersion", descriptor.apiVersion());
    configuration.put("kind", descriptor.kind());
    ObjectNode metadata = configuration.putObject("metadata");
    metadata.put("name", desired.getMetadata().getName());
    if (desired.getMetadata().getNamespace() != null) {
      metadata.put("namespace", desired.getMetadata().getNamespace());
    }
    configuration.set("status", status(descriptor, desired));
    return resources.patchStatus(
        namespace(desired),
        desired.getMetadata().getName(),
        Patch.apply(configuration),
        options(fieldManager));
  }

  private static <T> ObjectNode status(ResourceDescriptor<T> descriptor, T object) {
    JsonNode status = descriptor.toTree(object).get("status");
    return status instanceof ObjectNode tree ? tree : JsonNodeFactory.instance.objectNode();
  }

  private static String namespace(HasMetadata object) {
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new IllegalArgumentException("the object needs a name");
    }
    return object.getMetadata().getNamespace();
  }

  private static PatchOptions options(String fieldManager) {
    PatchOptionsBuilder options = new PatchOptionsBuilder();
    if (fieldManager != null) {
      options.withFieldManager(fieldManager).withForce(true);
    }
    return options.build();
  }
}

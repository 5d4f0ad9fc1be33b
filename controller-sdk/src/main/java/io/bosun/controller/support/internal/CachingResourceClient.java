package io.bosun.controller.support.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.controller.client.Patch;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.client.ResourceList;
import io.bosun.controller.client.WatchEvent;
import io.bosun.controller.informer.Informer;
import io.fabric8.kubernetes.api.model.CreateOptions;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.UpdateOptions;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** A client that records the answers to its writes in an informer's cache. */
public final class CachingResourceClient<T> implements ResourceClient<T> {
  private final ResourceClient<T> delegate;
  private final Informer<T> cache;

  public CachingResourceClient(ResourceClient<T> delegate, Informer<T> cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  @Override
  public ResourceDescriptor<T> descriptor() {
    return delegate.descriptor();
  }

  @Override
  public Uni<T> get(String namespace, String name) {
    return delegate.get(namespace, name);
  }

  @Override
  public Uni<ResourceList<T>> list(String namespace, ListOptions options) {
    return delegate.list(namespace, options);
  }

  @Override
  public Multi<WatchEvent<T>> watch(String namespace, ListOptions options) {
    return delegate.watch(namespace, options);
  }

  @Override
  public Uni<T> create(T object, CreateOptions options) {
    return recorded(delegate.create(object, options), options.getDryRun());
  }

  @Override
  public Uni<T> update(T object, UpdateOptions options) {
    return recorded(delegate.update(object, options), options.getDryRun());
  }

  @Override
  public Uni<T> updateStatus(T object) {
    return recorded(delegate.updateStatus(object), null);
  }

  @Override
  public Uni<T> updateSubresource(String namespace, String name, String subresource, T object) {
    return recorded(delegate.updateSubresource(namespace, name, subresource, object), null);
  }

  @Override
  public Uni<T> patch(String namespace, String name, Patch patch, PatchOptions options) {
    return recorded(delegate.patch(namespace, name, patch, options), options.getDryRun());
  }

  @Override
  public Uni<T> patchStatus(String namespace, String name, Patch patch, PatchOptions options) {
    return recorded(delegate.patchStatus(namespace, name, patch, options), options.getDryRun());
  }

  @Override
  public Uni<Void> delete(String namespace, String name, DeleteOptions options) {
    return delegate.delete(namespace, name, options);
  }

  @Override
  public Uni<Scale> getScale(String namespace, String name) {
    return delegate.getScale(namespace, name);
  }

  @Override
  public Uni<Scale> updateScale(String namespace, String name, Scale scale) {
    return delegate.updateScale(namespace, name, scale);
  }

  @Override
  public Uni<Scale> patchScale(String namespace, String name, Patch patch) {
    return delegate.patchScale(namespace, name, patch);
  }

  private Uni<T> recorded(Uni<T> write, List<String> dryRun) {
    if (dryRun != null && !dryRun.isEmpty()) {
      return write;
    }
    return write.invoke(
        written -> {
          if (written != null && !gone(written)) {
            cache.recordWrite(written);
          }
        });
  }

  /** Whether the answer is an object's last state: being deleted, with no finalizer left. */
  private boolean gone(T written) {
    JsonNode metadata = delegate.descriptor().toTree(written).path("metadata");
    return metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty();
  }

  @Override
  public Uni<Void> post(String namespace, String name, String subresource, Object body) {
    // An action's answer is not the object, so there is nothing to record.
    return delegate.post(namespace, name, subresource, body);
  }
}

package io.bosun.controller.support;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.support.internal.CachingResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Clients whose writes show in an informer's cache at once: the server's answer to every create,
 * update and patch (of the object or its status) goes through {@link Informer#recordWrite}, so the
 * next reconcile reads at least the version just written, not the one the watch has yet to replace.
 * Dry runs are not recorded, nor an answer that says the object is gone (its last finalizer removed
 * while it was being deleted).
 *
 * <pre>{@code
 * ResourceClient<Foo> foos = ReadYourWrites.client(client, sources, Foo.class);
 * foos.patchStatus(ns, name, Patch.merge(status), new PatchOptions());  // cached on success
 * }</pre>
 */
public final class ReadYourWrites {
  private ReadYourWrites() {}

  /** {@code resources}, with each write's answer recorded in {@code cache}. */
  public static <T> ResourceClient<T> client(ResourceClient<T> resources, Informer<T> cache) {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(cache, "cache");
    if (!resources.descriptor().equals(cache.descriptor())) {
      throw new IllegalArgumentException(
          "the client is of " + resources.descriptor() + ", the cache of " + cache.descriptor());
    }
    return new CachingResourceClient<>(resources, cache);
  }

  /**
   * The client of {@code type}, with each write's answer recorded in the informer of {@code type}.
   */
  public static <T extends HasMetadata> ResourceClient<T> client(
      KubeClient client, InformerEventSources sources, Class<T> type) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    return client(client.resources(type), sources.informer(type));
  }
}

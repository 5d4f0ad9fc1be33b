package io.bosun.controller.informer;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.internal.DefaultSharedInformers;
import java.util.Objects;

/**
 * One informer per kind, namespace, label selector, field selector and transform in a process,
 * whatever the number of controllers that ask: they share its single list and watch and its cache.
 * Informers are started on first request. The informers' options other than those that identify
 * them (page size, back-off, watch timeout) are those of the first request.
 *
 * <pre>{@code
 * SharedInformers informers = SharedInformers.create(client);
 * Informer<ConfigMap> a = informers.informer(ResourceDescriptor.of(ConfigMap.class));
 * Informer<ConfigMap> b = informers.informer(ResourceDescriptor.of(ConfigMap.class));
 * assert a == b;
 * }</pre>
 */
public interface SharedInformers extends AutoCloseable {

  /** A registry of informers over {@code client}. */
  static SharedInformers create(KubeClient client) {
    return new DefaultSharedInformers(Objects.requireNonNull(client, "client"));
  }

  /** The started informer of a kind, across all namespaces, with default options. */
  default <T> Informer<T> informer(ResourceDescriptor<T> descriptor) {
    return informer(descriptor, InformerOptions.DEFAULTS);
  }

  /** The started informer of a kind for these options, created on first request. */
  <T> Informer<T> informer(ResourceDescriptor<T> descriptor, InformerOptions options);

  /** How many informers run. */
  int size();

  /** Closes every informer. Their {@link Informer#close()} is refused: they are shared. */
  @Override
  void close();
}

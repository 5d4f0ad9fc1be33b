package io.bosun.controller.informer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The registry of shared informers, keyed by what an informer watches. */
public final class DefaultSharedInformers implements SharedInformers {

  /** What identifies a shared informer; the transform by identity. */
  private record Key(
      ResourceDescriptor<?> descriptor,
      String namespace,
      String labelSelector,
      String fieldSelector,
      UnaryOperator<ObjectNode> transform) {}

  private final KubeClient client;
  private final Map<Key, DefaultInformer<?>> informers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public DefaultSharedInformers(KubeClient client) {
    this.client = client;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Informer<T> informer(ResourceDescriptor<T> descriptor, InformerOptions options) {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(options, "options");
    if (closed) {
      throw new IllegalStateException("the shared informers are closed");
    }
    Key key =
        new Key(
            descriptor,
            options.namespace(),
            options.labelSelector(),
            options.fieldSelector(),
            options.transform());
    return (Informer<T>)
        informers.computeIfAbsent(
            key,
            k -> {
              DefaultInformer<T> informer =
                  new DefaultInformer<>(client, descriptor, options, true);
              informer.start();
              return informer;
            });
  }

  @Override
  public int size() {
    return informers.size();
  }

  @Override
  public void close() {
    closed = true;
    informers.values().forEach(DefaultInformer::shutdown);
    informers.clear();
  }
}

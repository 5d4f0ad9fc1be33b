package io.bosun.controller.client.internal;

import io.bosun.controller.client.ApiResource;
import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.config.ClusterConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Objects;

/** The {@link KubeClient} over one {@link HttpTransport}. */
public final class DefaultKubeClient implements KubeClient {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ClusterConfig config;
  private final HttpTransport transport;

  public DefaultKubeClient(
      Vertx vertx, boolean ownsVertx, ClusterConfig config, ClientOptions options) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.config = config;
    this.transport = new HttpTransport(vertx, config, options);
  }

  /** A client on a Vert.x instance of its own. */
  public static DefaultKubeClient withOwnVertx(ClusterConfig config, ClientOptions options) {
    Vertx vertx = Vertx.vertx();
    try {
      return new DefaultKubeClient(vertx, true, config, options);
    } catch (RuntimeException e) {
      vertx.closeAndForget();
      throw e;
    }
  }

  @Override
  public <T> ResourceClient<T> resources(ResourceDescriptor<T> descriptor) {
    return new DefaultResourceClient<>(transport, Objects.requireNonNull(descriptor, "descriptor"));
  }

  @Override
  public Uni<List<ApiResource>> serverResources() {
    return Discovery.resources(transport);
  }

  @Override
  public ClusterConfig config() {
    return config;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    transport.close();
    if (ownsVertx) {
      // Waiting for Vert.x to stop from one of its own threads would never end.
      if (Context.isOnVertxThread()) {
        vertx.closeAndForget();
      } else {
        vertx.closeAndAwait();
      }
    }
  }
}

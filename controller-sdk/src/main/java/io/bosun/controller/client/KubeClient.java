package io.bosun.controller.client;

import io.bosun.controller.client.internal.DefaultKubeClient;
import io.bosun.controller.config.ClusterConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Objects;

/**
 * A reactive client of one Kubernetes apiserver, for every kind: built-in, custom, typed or not.
 * Thread-safe; share one per apiserver.
 *
 * <pre>{@code
 * try (KubeClient client = KubeClient.create(ClusterConfig.load())) {
 *   ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
 *   ConfigMap cm = configMaps.get("default", "settings").await().indefinitely();
 * }
 * }</pre>
 */
public interface KubeClient extends AutoCloseable {

  /**
   * A client with its own Vert.x instance, closed with the client, and the default options.
   *
   * @throws IllegalArgumentException if the configuration's TLS material cannot be used
   */
  static KubeClient create(ClusterConfig config) {
    return create(config, ClientOptions.DEFAULTS);
  }

  /** A client with its own Vert.x instance, closed with the client. */
  static KubeClient create(ClusterConfig config, ClientOptions options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    return DefaultKubeClient.withOwnVertx(config, options);
  }

  /** A client on an existing Vert.x instance (Quarkus's, for example), which it does not close. */
  static KubeClient create(Vertx vertx, ClusterConfig config, ClientOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    return new DefaultKubeClient(vertx, false, config, options);
  }

  /** The operations on the kind {@code descriptor} describes. */
  <T> ResourceClient<T> resources(ResourceDescriptor<T> descriptor);

  /** The operations on a fabric8 model class or custom resource class. */
  default <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
    return resources(ResourceDescriptor.of(type));
  }

  /**
   * The resources the server serves, from its discovery documents: every resource of the core group
   * and of each other group's preferred version, subresources left out.
   */
  @CheckReturnValue
  Uni<List<ApiResource>> serverResources();

  /** The configuration this client talks with. */
  ClusterConfig config();

  /** The Vert.x instance the client runs on. */
  Vertx vertx();

  /** Closes the connections, and the Vert.x instance if the client created it. */
  @Override
  void close();
}

package io.bosun.apiserver.wiring;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.endpoints.ReadinessCheck;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.NameGenerator;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.crd.CrdController;
import io.bosun.apiserver.registry.services.ServiceNetwork;
import io.bosun.apiserver.storage.StorageConfig;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the storage engine on Quarkus's Vert.x at application start, makes sure the system
 * namespaces exist, serves the custom resources of the stored CustomResourceDefinitions (and
 * follows their changes), and closes storage on shutdown. Ready once all that is done.
 */
@Startup
@ApplicationScoped
public class StorageLifecycle implements ReadinessCheck {
  private static final Logger LOG = Logger.getLogger(StorageLifecycle.class);

  /** The namespaces every cluster has. */
  public static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  /** How long start-up waits for the database. Defaults to 60 seconds. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final PostgresStorage storage;
  private final GenericStore store;
  private final CrdController crds;
  private volatile boolean ready;

  @Inject
  StorageLifecycle(
      Vertx vertx,
      KindRegistry registry,
      @ConfigProperty(name = "bosun.database.url") String databaseUrl,
      @ConfigProperty(name = "bosun.service-cluster-ip-range", defaultValue = "10.96.0.0/12")
          String serviceRange,
      @ConfigProperty(name = "bosun.service-node-port-range", defaultValue = "30000-32767")
          String nodePortRange) {
    this.storage =
        PostgresStorage.start(vertx, StorageConfig.defaults(databaseUrl))
            .await()
            .atMost(START_TIMEOUT);
    this.store =
        new GenericStore(
            storage,
            registry,
            Clock.systemUTC(),
            NameGenerator.random(),
            ServiceNetwork.of(serviceRange, nodePortRange));
    ResourceType namespaces =
        registry
            .find("", "v1", "namespaces")
            .orElseThrow(() -> new IllegalStateException("namespaces are not registered"));
    for (String name : SYSTEM_NAMESPACES) {
      ObjectNode namespace = JsonNodeFactory.instance.objectNode();
      namespace.putObject("metadata").put("name", name);
      store
          .create(namespaces, "", namespace)
          .onFailure(StorageException.AlreadyExists.class)
          .recoverWithNull()
          .await()
          .atMost(START_TIMEOUT);
    }
    store.resumeNamespaceDeletions().await().atMost(START_TIMEOUT);
    // Custom resources are served before the server reports ready, as after a restart.
    this.crds =
        CrdController.start(store, registry, Clock.systemUTC()).await().atMost(START_TIMEOUT);
    ready = true;
    LOG.debugf("storage started at resource version %d", storage.currentResourceVersion());
  }

  /** The running storage itself, for operations outside the API such as compaction. */
  public PostgresStorage storage() {
    return storage;
  }

  /** The store over the running storage. */
  public GenericStore store() {
    return store;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @PreDestroy
  void stop() {
    ready = false;
    crds.close();
    storage.close();
  }
}

package io.bosun.testkit;

import io.bosun.controller.client.ClientOptions;
import io.bosun.controller.client.KubeClient;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.UUID;

/** One test's client and namespace, created when the test first asks, removed after it. */
final class PerTest implements AutoCloseable {
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

  private final TestEnvironment environment;
  private KubeClient client;
  private TestNamespace namespace;

  PerTest(TestEnvironment environment) {
    this.environment = environment;
  }

  synchronized KubeClient client() {
    if (client == null) {
      client = KubeClient.create(environment.vertx(), environment.config(), ClientOptions.DEFAULTS);
    }
    return client;
  }

  synchronized TestNamespace namespace() {
    if (namespace == null) {
      String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
      Namespace created =
          client()
              .resources(Namespace.class)
              .create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
              .await()
              .atMost(SETUP_TIMEOUT);
      namespace = new TestNamespace(created.getMetadata().getName());
    }
    return namespace;
  }

  @Override
  public synchronized void close() {
    if (client == null) {
      return;
    }
    if (namespace != null && environment.server().isRunning()) {
      client
          .resources(Namespace.class)
          .delete(null, namespace.name())
          .onFailure()
          .recoverWithNull()
          .await()
          .atMost(SETUP_TIMEOUT);
    }
    client.close();
  }
}

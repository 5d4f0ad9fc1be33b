package io.bosun.bench.josdk;

import io.bosun.controller.client.AlreadyExistsException;
import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.NotFoundException;
import io.bosun.controller.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Prepares the apiserver: the BenchItem CRD, the namespaces, and the pre-existing items. */
final class BenchCluster {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String MESSAGE = "x".repeat(200);

  private final KubeClient client;

  BenchCluster(KubeClient client) {
    this.client = client;
  }

  /** Creates the CRD and waits until the apiserver serves its resource. */
  void defineBenchItems() throws InterruptedException {
    client.resources(CustomResourceDefinition.class).create(crd()).await().atMost(TIMEOUT);
    ResourceClient<BenchItem> items = client.resources(BenchItem.class);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        items.list("default").await().atMost(TIMEOUT);
        return;
      } catch (NotFoundException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  void createNamespace(String name) {
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    try {
      client.resources(Namespace.class).create(namespace).await().atMost(TIMEOUT);
    } catch (AlreadyExistsException e) {
      // Left from an earlier run on the same data directory.
    }
  }

  /** Creates items 0 to {@code count - 1} in {@code namespace}, many requests at a time. */
  void createItems(String namespace, int count) throws InterruptedException {
    ResourceClient<BenchItem> items = client.resources(BenchItem.class);
    Semaphore inFlight = new Semaphore(64);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < count && failure.get() == null; i++) {
      inFlight.acquire();
      items
          .create(item(namespace, i))
          .subscribe()
          .with(
              created -> inFlight.release(),
              error -> {
                failure.compareAndSet(null, error);
                inFlight.release();
              });
    }
    inFlight.acquire(64);
    if (failure.get() != null) {
      throw new IllegalStateException("creating items failed", failure.get());
    }
  }

  static BenchItem item(String namespace, int index) {
    BenchItem item = new BenchItem();
    item.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(BenchItem.name(index))
            .withLabels(Map.of("app", "bench", "shard", Integer.toString(index % 8)))
            .build());
    BenchItem.Spec spec = new BenchItem.Spec();
    spec.setReplicas(1 + index % 5);
    spec.setImage("registry.example.com/bench/app:1.2." + index % 10);
    spec.setMessage(MESSAGE);
    item.setSpec(spec);
    return item;
  }

  private static CustomResourceDefinition crd() {
    JSONSchemaProps integer = new JSONSchemaPropsBuilder().withType("integer").build();
    JSONSchemaProps string = new JSONSchemaPropsBuilder().withType("string").build();
    JSONSchemaProps spec =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withProperties(
                Map.of(
                    "round", integer,
                    "stamp", integer,
                    "replicas", integer,
                    "image", string,
                    "message", string))
            .build();
    JSONSchemaProps status =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .withProperties(Map.of("observedRound", integer))
            .build();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(BenchItem.PLURAL + "." + BenchItem.GROUP)
        .endMetadata()
        .withNewSpec()
        .withGroup(BenchItem.GROUP)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(BenchItem.KIND)
        .withPlural(BenchItem.PLURAL)
        .withSingular("benchitem")
        .withListKind(BenchItem.KIND + "List")
        .endNames()
        .addNewVersion()
        .withName(BenchItem.VERSION)
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .withNewSchema()
        .withOpenAPIV3Schema(
            new JSONSchemaPropsBuilder()
                .withType("object")
                .withProperties(Map.of("spec", spec, "status", status))
                .build())
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }
}

package io.bosun.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.storage.ChangeListener;
import io.bosun.apiserver.storage.EmbeddedPostgresFixture;
import io.bosun.apiserver.storage.ForwardingStorage;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Storage;
import io.bosun.apiserver.storage.StoredObject;
import io.bosun.apiserver.storage.WatchEvent;
import io.bosun.core.api.StatusException;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The namespace check of creates reads the namespace from the change feed, not the database, and
 * still refuses content in a namespace being deleted: at once when it was deleted through the same
 * apiserver, as soon as the feed has it when through another.
 */
class NamespaceCacheIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = EmbeddedPostgresFixture.TIMEOUT;

  @RegisterExtension final EmbeddedPostgresFixture postgres = new EmbeddedPostgresFixture();

  private final KindRegistry registry = KindRegistry.builtin();
  private final ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
  private final ResourceType configMaps = registry.find("", "v1", "configmaps").orElseThrow();

  @Test
  void createsInOneNamespaceReadItFromTheDatabaseAtMostOnce() throws Exception {
    CountingStorage storage = new CountingStorage(postgres.start(c -> c));
    GenericStore store = store(storage);
    create(store, namespaces, "", "{'metadata':{'name':'busy'}}");
    awaitFollowing(storage);

    for (int i = 0; i < 20; i++) {
      create(store, configMaps, "busy", "{'metadata':{'name':'cm-" + i + "'}}");
    }

    assertThat(storage.namespaceReads.get()).isLessThanOrEqualTo(1);
  }

  @Test
  void aNamespaceDeletedHereRefusesTheNextCreateAtOnce() throws Exception {
    CountingStorage storage = new CountingStorage(postgres.start(c -> c));
    GenericStore store = store(storage);
    awaitFollowing(storage);
    create(store, namespaces, "", "{'metadata':{'name':'ending'}}");
    create(store, configMaps, "ending", "{'metadata':{'name':'held','finalizers':['x.io/y']}}");

    store.delete(namespaces, "", "ending", DeleteRequest.DEFAULT).await().atMost(TIMEOUT);

    assertRefused(store, "ending");
  }

  @Test
  void aNamespaceDeletedThroughAnotherApiserverIsRefusedOnceTheFeedHasIt() throws Exception {
    CountingStorage here = new CountingStorage(postgres.start(c -> c));
    GenericStore store = store(here);
    GenericStore other = store(postgres.start(c -> c));
    awaitFollowing(here);
    create(other, namespaces, "", "{'metadata':{'name':'elsewhere'}}");
    create(store, configMaps, "elsewhere", "{'metadata':{'name':'held','finalizers':['x.io/y']}}");

    other.delete(namespaces, "", "elsewhere", DeleteRequest.DEFAULT).await().atMost(TIMEOUT);

    await().atMost(TIMEOUT).untilAsserted(() -> assertRefused(store, "elsewhere"));
  }

  private void assertRefused(GenericStore store, String namespace) {
    assertThatThrownBy(() -> create(store, configMaps, namespace, "{'metadata':{'name':'new'}}"))
        .isInstanceOfSatisfying(
            StatusException.class,
            e ->
                assertThat(e.status().message())
                    .endsWith("namespace " + namespace + " because it is being terminated"));
  }

  private static void awaitFollowing(CountingStorage storage) throws InterruptedException {
    assertThat(storage.following.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  private GenericStore store(Storage storage) {
    return new GenericStore(storage, registry, Clock.systemUTC(), NameGenerator.random());
  }

  private static StoredObject create(
      GenericStore store, ResourceType type, String namespace, String json) throws Exception {
    ObjectNode body = (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
    return store.create(type, namespace, body).await().atMost(TIMEOUT);
  }

  /** Storage that counts the namespace reads, and tells when its cache is following changes. */
  private static final class CountingStorage extends ForwardingStorage {
    final AtomicInteger namespaceReads = new AtomicInteger();
    final CountDownLatch following = new CountDownLatch(1);

    CountingStorage(Storage storage) {
      super(storage);
    }

    @Override
    public Uni<StoredObject> get(ObjectKey key) {
      if (key.resource().equals("namespaces")) {
        namespaceReads.incrementAndGet();
      }
      return storage.get(key);
    }

    @Override
    public void follow(String resource, ChangeListener listener) {
      storage.follow(
          resource,
          new ChangeListener() {
            @Override
            public void following() {
              listener.following();
              following.countDown();
            }

            @Override
            public void changed(WatchEvent.Type type, StoredObject object) {
              listener.changed(type, object);
            }

            @Override
            public void reset() {
              listener.reset();
            }
          });
    }
  }
}

package io.bosun.apiserver.registry.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.DeleteRequest;
import io.bosun.apiserver.registry.GenericStore;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.NameGenerator;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.storage.EmbeddedPostgresFixture;
import io.bosun.apiserver.storage.ListOptions;
import io.bosun.apiserver.storage.ObjectKey;
import io.bosun.apiserver.storage.Selection;
import io.bosun.apiserver.storage.StorageException;
import io.bosun.apiserver.storage.postgres.PostgresStorage;
import io.bosun.core.api.StatusException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller that serves custom resources, with apiservers built on real PostgreSQL as the
 * Quarkus application builds them: two apiservers on one database serve what either defines, and a
 * restarted apiserver serves the stored definitions as soon as it has started.
 */
class CrdControllerIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = EmbeddedPostgresFixture.TIMEOUT;

  @RegisterExtension final EmbeddedPostgresFixture postgres = new EmbeddedPostgresFixture();

  private final List<CrdController> controllers = new ArrayList<>();

  /** Stops the controllers before the fixture closes their storage. */
  @AfterEach
  void stopControllers() {
    controllers.forEach(CrdController::close);
  }

  /** One apiserver: storage, registry, store and the CRD controller. */
  private record Apiserver(
      PostgresStorage storage, KindRegistry registry, GenericStore store, CrdController crds) {

    ResourceType type(String resource) {
      return registry.find("", "v1", resource).orElseThrow();
    }

    ResourceType crdType() {
      return registry
          .find(CustomResourceDefinitions.GROUP, "v1", CustomResourceDefinitions.RESOURCE)
          .orElseThrow();
    }

    ResourceType gadgets() {
      return registry.find("ha.example.com", "v1", "gadgets").orElseThrow();
    }
  }

  private Apiserver start() {
    PostgresStorage storage = postgres.start(c -> c);
    KindRegistry registry = KindRegistry.builtin();
    GenericStore store =
        new GenericStore(storage, registry, Clock.systemUTC(), NameGenerator.random());
    CrdController crds =
        CrdController.start(store, registry, Clock.systemUTC()).await().atMost(TIMEOUT);
    controllers.add(crds);
    return new Apiserver(storage, registry, store, crds);
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
  }

  private static void define(Apiserver apiserver) throws Exception {
    apiserver
        .store()
        .create(
            apiserver.crdType(),
            "",
            json(
                "{'metadata':{'name':'gadgets.ha.example.com'},'spec':{'group':'ha.example.com',"
                    + "'scope':'Namespaced','names':{'plural':'gadgets','kind':'Gadget'},"
                    + "'versions':[{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':"
                    + "{'type':'object','properties':{'spec':{'type':'object','properties':{"
                    + "'size':{'type':'integer','default':3}}}}}}}]}}"))
        .await()
        .atMost(TIMEOUT);
  }

  private static void namespace(Apiserver apiserver) throws Exception {
    apiserver
        .store()
        .create(apiserver.type("namespaces"), "", json("{'metadata':{'name':'default'}}"))
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithNull()
        .await()
        .atMost(TIMEOUT);
  }

  private static void serves(Apiserver apiserver, boolean served) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                apiserver.registry().find("ha.example.com", "v1", "gadgets").isPresent() == served);
  }

  @Test
  void twoApiserversOnOneDatabaseServeWhatEitherDefinesAndStopTogether() throws Exception {
    Apiserver a = start();
    Apiserver b = start();
    namespace(a);

    define(a);
    serves(b, true);
    b.store()
        .create(b.gadgets(), "default", json("{'metadata':{'name':'on-b'},'spec':{}}"))
        .await()
        .atMost(TIMEOUT);
    serves(a, true);
    String json = a.store().get(a.gadgets(), "default", "on-b").await().atMost(TIMEOUT).json();
    assertThat(MAPPER.readTree(json).path("spec").path("size").asInt()).isEqualTo(3);

    b.store()
        .delete(b.crdType(), "", "gadgets.ha.example.com", DeleteRequest.DEFAULT)
        .await()
        .atMost(TIMEOUT);
    serves(a, false);
    serves(b, false);
    assertThatThrownBy(
            () -> a.store().get(a.crdType(), "", "gadgets.ha.example.com").await().atMost(TIMEOUT))
        .isInstanceOf(StorageException.NotFound.class);
    assertThat(
            a.storage()
                .list(ListOptions.of("gadgets.ha.example.com", Selection.ALL))
                .await()
                .atMost(TIMEOUT)
                .items())
        .isEmpty();
  }

  @Test
  void aRestartedApiserverServesTheStoredDefinitionsOnceStarted() throws Exception {
    Apiserver first = start();
    namespace(first);
    define(first);
    serves(first, true);
    first
        .store()
        .create(first.gadgets(), "default", json("{'metadata':{'name':'kept'},'spec':{'size':7}}"))
        .await()
        .atMost(TIMEOUT);
    first.crds().close();
    postgres.close(first.storage());

    Apiserver second = start();

    assertThat(second.registry().find("ha.example.com", "v1", "gadgets")).isPresent();
    String kept =
        second.store().get(second.gadgets(), "default", "kept").await().atMost(TIMEOUT).json();
    assertThat(MAPPER.readTree(kept).path("spec").path("size").asInt()).isEqualTo(7);
    assertThatThrownBy(
            () ->
                second
                    .store()
                    .create(
                        second.gadgets(),
                        "default",
                        json("{'metadata':{'name':'bad'},'spec':{'size':'seven'}}"))
                    .await()
                    .atMost(TIMEOUT))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(422));
  }

  @Test
  void defaultsAddedToTheSchemaLaterApplyWhenObjectsAreRead() throws Exception {
    Apiserver a = start();
    namespace(a);
    define(a);
    serves(a, true);
    a.store()
        .create(a.gadgets(), "default", json("{'metadata':{'name':'early'},'spec':{}}"))
        .await()
        .atMost(TIMEOUT);

    a.store()
        .patch(
            a.crdType(),
            "",
            "gadgets.ha.example.com",
            crd -> {
              ObjectNode properties =
                  (ObjectNode)
                      crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
              properties.set(
                  "mode", MAPPER.createObjectNode().put("type", "string").put("default", "auto"));
              return crd;
            })
        .await()
        .atMost(TIMEOUT);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.gadgets().schema().toString().contains("\"mode\""));

    String stored =
        a.storage()
            .get(new ObjectKey("gadgets.ha.example.com", "default", "early"))
            .await()
            .atMost(TIMEOUT)
            .json();
    assertThat(MAPPER.readTree(stored).path("spec").has("mode")).isFalse();
    String read = a.store().get(a.gadgets(), "default", "early").await().atMost(TIMEOUT).json();
    assertThat(MAPPER.readTree(read).path("spec").path("mode").asText()).isEqualTo("auto");
    assertThat(MAPPER.readTree(read).path("spec").path("size").asInt()).isEqualTo(3);
  }
}

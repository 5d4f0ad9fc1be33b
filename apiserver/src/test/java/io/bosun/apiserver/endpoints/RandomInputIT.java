package io.bosun.apiserver.endpoints;

import static io.bosun.apiserver.endpoints.ResourceApiIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds every served resource malformed and randomly mutated requests: no answer may be a 5xx,
 * every failure must be a Status, and a request that fails must leave the object it aimed at
 * exactly as it was. The seed is printed so that a failure can be replayed.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RandomInputIT {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final int ROUNDS_PER_RESOURCE = 12;
  static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/json");

  @Test
  void noRequestGetsAServerErrorOrChangesDataWhenItFails() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("RandomInputIT seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    Api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"fuzz\"}}");
    int requests = 0;
    for (Resource resource : resources()) {
      String collection = resource.collection("fuzz");
      String name = "target-" + resource.name().replace('/', '-');
      Api.post(collection, resource.minimal(name).toString());
      for (int round = 0; round < ROUNDS_PER_RESOURCE; round++) {
        String before = Api.get(collection + "/" + name).body();
        HttpResponse<String> response = randomRequest(random, resource, collection, name);
        requests++;
        String what = response.request().method() + " " + response.request().uri();
        assertThat(response.statusCode()).as("%s -> %s", what, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
          assertThat(json(response).path("kind").asText()).as(what).isEqualTo("Status");
          assertThat(Api.get(collection + "/" + name).body())
              .as("a failed %s left the object alone", what)
              .isEqualTo(before);
        } else if (Api.get(collection + "/" + name).statusCode() == 404) {
          Api.post(collection, resource.minimal(name).toString());
        }
      }
    }
    assertThat(requests).isGreaterThan(300);
  }

  private HttpResponse<String> randomRequest(
      Random random, Resource resource, String collection, String name) throws Exception {
    String path = collection + "/" + name;
    JsonNode current = MAPPER.readTree(Api.get(path).body());
    String body = body(random, resource, current, name);
    return switch (random.nextInt(6)) {
      case 0 -> send("POST", collection, "application/json", body);
      case 1 -> send("PUT", path, "application/json", body);
      case 2 -> send("PATCH", path, PATCH_TYPES.get(random.nextInt(PATCH_TYPES.size())), body);
      case 3 -> send("DELETE", path, "application/json", deleteOptions(random));
      case 4 -> Api.get(collection + "?" + query(random));
      default -> send("PUT", path + "/status", "application/json", body);
    };
  }

  /** A malformed document, or the stored object with random damage. */
  private static String body(Random random, Resource resource, JsonNode current, String name) {
    switch (random.nextInt(8)) {
      case 0 -> {
        return "{\"metadata\":{\"name\":\"" + name + "\"";
      }
      case 1 -> {
        return random.nextBoolean() ? "[1,2,3]" : "\"just a string\"";
      }
      case 2 -> {
        StringBuilder deep = new StringBuilder();
        deep.append("{\"a\":".repeat(600)).append("1").append("}".repeat(600));
        return deep.toString();
      }
      case 3 -> {
        return "[{\"op\":\""
            + (random.nextBoolean() ? "replace" : "explode")
            + "\",\"path\":\"/metadata/"
            + "x".repeat(random.nextInt(3))
            + "\",\"value\":{}}]";
      }
      default -> {
        ObjectNode damaged = current.isObject() ? current.deepCopy() : resource.minimal(name);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          damage(random, damaged);
        }
        return damaged.toString();
      }
    }
  }

  /** Replaces one random field of the tree with a value of a random wrong kind. */
  private static void damage(Random random, ObjectNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> fields = new ArrayList<>();
    target.fieldNames().forEachRemaining(fields::add);
    String field =
        fields.isEmpty() || random.nextInt(4) == 0
            ? "zz" + random.nextInt(100)
            : fields.get(random.nextInt(fields.size()));
    JsonNode value =
        switch (random.nextInt(9)) {
          case 0 -> NODES.nullNode();
          case 1 -> NODES.numberNode(random.nextInt(5) == 0 ? -1 : random.nextLong());
          case 2 -> NODES.textNode("Not_A-Valid.Name!" + random.nextInt(10));
          case 3 -> NODES.booleanNode(random.nextBoolean());
          case 4 -> NODES.arrayNode().add(NODES.objectNode().put("x", 1)).add("mixed");
          case 5 -> NODES.objectNode().set("nested", NODES.objectNode().put("k", "v"));
          case 6 -> NODES.textNode("x".repeat(70_000));
          case 7 -> NODES.numberNode(1.5e308);
          default -> NODES.textNode("");
        };
    target.set(field, value);
  }

  private static void collect(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
      object.elements().forEachRemaining(child -> collect(child, objects));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> collect(child, objects));
    }
  }

  private static String deleteOptions(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> "{\"propagationPolicy\":\"Sideways\"}";
      case 1 -> "{\"gracePeriodSeconds\":\"soon\"}";
      case 2 -> "{\"preconditions\":{\"resourceVersion\":\"abc\"}}";
      case 3 -> "{\"preconditions\":{\"uid\":\"not-it\"}}";
      default -> "{\"dryRun\":[\"Maybe\"]}";
    };
  }

  private static String query(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "labelSelector=a%20in%20(b";
      case 1 -> "fieldSelector=spec..x%3Dy";
      case 2 -> "limit=-5&continue=garbage";
      case 3 -> "resourceVersion=xyz";
      case 4 -> "resourceVersionMatch=Exact";
      case 5 -> "resourceVersion=1&resourceVersionMatch=Sometimes";
      default -> "timeoutSeconds=abc&watch=false";
    };
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body) {
    return Api.send(
        Api.request(path)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A served resource, from discovery. */
  record Resource(String groupVersion, String name, String kind, boolean namespaced) {
    String collection(String namespace) {
      String root = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
      return root + (namespaced ? "/namespaces/" + namespace : "") + "/" + name;
    }

    ObjectNode minimal(String objectName) {
      ObjectNode object = NODES.objectNode();
      object.put("apiVersion", groupVersion).put("kind", kind);
      object.putObject("metadata").put("name", objectName);
      return object;
    }
  }

  private static List<Resource> resources() throws Exception {
    List<Resource> resources = new ArrayList<>();
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (JsonNode group : MAPPER.readTree(Api.get("/apis").body()).path("groups")) {
      groupVersions.add(group.path("preferredVersion").path("groupVersion").asText());
    }
    for (String gv : groupVersions) {
      String path = gv.contains("/") ? "/apis/" + gv : "/api/" + gv;
      for (JsonNode r : MAPPER.readTree(Api.get(path).body()).path("resources")) {
        String name = r.path("name").asText();
        boolean creatable = r.path("verbs").toString().contains("\"create\"");
        // Namespaces are left alone: deleting one would empty the fuzz namespace.
        if (!name.contains("/") && creatable && !name.equals("namespaces")) {
          resources.add(
              new Resource(gv, name, r.path("kind").asText(), r.path("namespaced").asBoolean()));
        }
      }
    }
    return resources;
  }
}

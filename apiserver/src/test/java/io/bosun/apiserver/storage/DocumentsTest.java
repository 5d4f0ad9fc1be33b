package io.bosun.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  private static final String[] KEYS = {"apiVersion", "kind", "a", "data", "apiVersio", "x\"y"};
  private static final String[] TEXTS = {
    "v1", "", "apps/v1", "a\"b", "back\\", "{", "}", "[", "]", ",", ":", "\"apiVersion\": \"v9\""
  };

  @Test
  void findsTheTopLevelFieldInPostgresKeyOrderPastNestedOnes() {
    String json =
        "{\"data\": {\"apiVersion\": \"v2\"}, \"kind\": \"ConfigMap\", \"metadata\":"
            + " {\"managedFields\": [{\"apiVersion\": \"v3\", \"time\": null}]},"
            + " \"apiVersion\": \"v1\"}";

    assertThat(Documents.topLevelString(json, "apiVersion")).isEqualTo("v1");
  }

  @Test
  void skipsStringsWithQuotesBracesAndTrailingBackslashes() {
    String json =
        "{\"a\": \"x\\\"apiVersion\\\": \\\"v2\", \"b\": \"c\\\\\", \"c\": \"}{][\","
            + " \"n\": -1.5e3, \"t\": true, \"apiVersion\": \"v1\"}";

    assertThat(Documents.topLevelString(json, "apiVersion")).isEqualTo("v1");
  }

  @Test
  void answersNullForAbsentNonStringEscapedOrMalformed() {
    assertThat(
            Documents.topLevelString(
                "{\"kind\": \"A\", \"data\": {\"apiVersion\": \"v1\"}}", "apiVersion"))
        .isNull();
    assertThat(Documents.topLevelString("{\"apiVersion\": 1}", "apiVersion")).isNull();
    assertThat(Documents.topLevelString("{\"apiVersion\": {\"v\": \"1\"}}", "apiVersion")).isNull();
    assertThat(Documents.topLevelString("{\"apiVersion\": \"v\\u0031\"}", "apiVersion")).isNull();
    assertThat(Documents.topLevelString("[\"apiVersion\", \"v1\"]", "apiVersion")).isNull();
    assertThat(Documents.topLevelString("{\"a\": \"unterminated", "apiVersion")).isNull();
    assertThat(Documents.topLevelString("", "apiVersion")).isNull();
  }

  @Test
  void agreesWithJacksonOnRandomDocumentsAndNeverThrowsOnTheirPrefixes() {
    Random random = new Random(42);
    for (int n = 0; n < 2_000; n++) {
      ObjectNode document = object(random, 0);
      String compact = document.toString();
      String pretty = document.toPrettyString();
      String expected = expected(document);

      assertThat(Documents.topLevelString(compact, "apiVersion")).as(compact).isEqualTo(expected);
      assertThat(Documents.topLevelString(pretty, "apiVersion")).as(pretty).isEqualTo(expected);
      for (int cut = 0; cut < compact.length(); cut++) {
        Documents.topLevelString(compact.substring(0, cut), "apiVersion");
      }
    }
  }

  /** Jackson's answer, null where the scan declines: a value that is not a plain string. */
  private static String expected(ObjectNode document) {
    JsonNode value = document.get("apiVersion");
    if (value == null || !value.isTextual()) {
      return null;
    }
    String raw = value.toString();
    return raw.equals("\"" + value.asText() + "\"") ? value.asText() : null;
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    int fields = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < fields; i++) {
      node.set(KEYS[random.nextInt(KEYS.length)], value(random, depth + 1));
    }
    return node;
  }

  private static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 3 : 5);
    return switch (kind) {
      case 0 -> JsonNodeFactory.instance.textNode(TEXTS[random.nextInt(TEXTS.length)]);
      case 1 -> JsonNodeFactory.instance.numberNode(random.nextInt(2000) - 1000);
      case 2 ->
          random.nextBoolean()
              ? JsonNodeFactory.instance.booleanNode(random.nextBoolean())
              : JsonNodeFactory.instance.nullNode();
      case 3 -> object(random, depth);
      default -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.add(value(random, depth + 1));
        }
        yield array;
      }
    };
  }
}

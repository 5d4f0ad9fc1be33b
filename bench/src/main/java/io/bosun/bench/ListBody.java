package io.bosun.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What the bench needs of a list response (item count, continue token, resource version). */
record ListBody(int items, String continueToken, String resourceVersion) {
  private static final JsonFactory JSON = new JsonFactory();

  static ListBody parse(byte[] json) {
    int items = 0;
    String continueToken = null;
    String resourceVersion = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("a list response is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("items") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            items++;
            parser.skipChildren();
          }
        } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("continue")) {
              continueToken = parser.getValueAsString();
            } else if (name.equals("resourceVersion")) {
              resourceVersion = parser.getValueAsString();
            }
            parser.skipChildren();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ListBody(
        items,
        continueToken == null || continueToken.isEmpty() ? null : continueToken,
        resourceVersion);
  }
}

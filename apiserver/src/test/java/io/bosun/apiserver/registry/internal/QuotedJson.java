package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON objects for tests, written with single quotes so that they read in Java strings. */
final class QuotedJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QuotedJson() {}

  static ObjectNode json(String singleQuoted) throws JsonProcessingException {
    return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
  }
}

package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A kind whose schema has one field of every merge type, and helpers to write objects. */
final class TestTypes {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String SCHEMA =
      """
      type: object
      properties:
        apiVersion: {type: string}
        kind: {type: string}
        metadata: {type: object}
        spec:
          type: object
          properties:
            replicas: {type: integer}
            selector:
              type: object
              x-kubernetes-map-type: atomic
              properties:
                matchLabels: {type: object, additionalProperties: {type: string}}
            labels: {type: object, additionalProperties: {type: string}}
            atomicLabels:
              type: object
              x-kubernetes-map-type: atomic
              additionalProperties: {type: string}
            args: {type: array, items: {type: string}}
            finalizers:
              type: array
              x-kubernetes-list-type: set
              items: {type: string}
            hosts:
              type: array
              x-kubernetes-patch-strategy: merge
              x-kubernetes-patch-merge-key: ip
              items: {type: object, properties: {ip: {type: string}, names: {type: array, items: {type: string}}}}
            containers:
              type: array
              x-kubernetes-list-type: map
              x-kubernetes-list-map-keys: [name]
              items:
                type: object
                properties:
                  name: {type: string}
                  image: {type: string}
                  ports:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [containerPort, protocol]
                    items:
                      type: object
                      properties:
                        containerPort: {type: integer}
                        protocol: {type: string, default: TCP}
            extra:
              type: object
              x-kubernetes-preserve-unknown-fields: true
        status:
          type: object
          properties:
            ready: {type: integer}
      """;

  static final String OBJECT_META =
      """
      type: object
      properties:
        name: {type: string}
        namespace: {type: string}
        labels: {type: object, additionalProperties: {type: string}}
        annotations: {type: object, additionalProperties: {type: string}}
        finalizers: {type: array, x-kubernetes-list-type: set, items: {type: string}}
        managedFields: {type: array, items: {type: object}}
      """;

  static final MergeType ROOT = MergeType.root(yaml(SCHEMA), yaml(OBJECT_META));

  private TestTypes() {}

  /** Parses YAML (or JSON) text into an object. */
  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON written with single quotes. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Widget with the given spec, as YAML lines under {@code spec:}. */
  static ObjectNode widget(String spec) {
    return yaml(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ns\n"
            + "spec:\n"
            + spec.stripIndent().indent(2));
  }
}

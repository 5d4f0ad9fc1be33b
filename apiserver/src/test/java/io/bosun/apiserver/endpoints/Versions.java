package io.bosun.apiserver.endpoints;

import java.util.List;

/** A definition ({@code things.versions.example.com}) whose versions change, and its objects. */
final class Versions {
  private Versions() {}

  /**
   * The definition serving {@code versions}, storing in {@code storage}; {@code deprecated} (or
   * null) is marked deprecated.
   */
  static String definition(String storage, String deprecated, List<String> versions) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: things.versions.example.com
            spec:
              group: versions.example.com
              scope: Namespaced
              names: {plural: things, kind: Thing}
              versions:
            """);
    for (String version : versions) {
      yaml.append(
          """
            - name: %s
              served: true
              storage: %s
              deprecated: %s
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        size: {type: integer}
          """
              .formatted(version, version.equals(storage), version.equals(deprecated)));
    }
    return yaml.toString();
  }

  /** A thing of size 3 written in {@code version}. */
  static String thing(String version, String name) {
    return """
        apiVersion: versions.example.com/%s
        kind: Thing
        metadata:
          name: %s
        spec:
          size: 3
        """
        .formatted(version, name);
  }
}

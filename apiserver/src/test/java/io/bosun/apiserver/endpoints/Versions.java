package io.bosun.apiserver.endpoints;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

  /** Defines things with v1beta1 alone and creates the thing {@code old} in it. */
  static void defineBetaWithOldThing(Kubectl kubectl) throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl.file("v1beta1.yaml", definition("v1beta1", null, List.of("v1beta1"))).toString());
    kubectl.ok(
        "wait",
        "--for",
        "condition=established",
        "--timeout=10s",
        "crd/things.versions.example.com");
    kubectl.ok("create", "-f", kubectl.file("old.yaml", thing("v1beta1", "old")).toString());
  }

  /** Adds v1 as the storage version, deprecates v1beta1, and creates the thing {@code new}. */
  static void storeInV1WithNewThing(Kubectl kubectl) throws Exception {
    kubectl.ok(
        "apply",
        "-f",
        kubectl.file("v1.yaml", definition("v1", "v1beta1", List.of("v1beta1", "v1"))).toString());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> kubectl.run("get", "things.v1.versions.example.com", "old").exit() == 0);
    kubectl.ok("create", "-f", kubectl.file("new.yaml", thing("v1", "new")).toString());
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

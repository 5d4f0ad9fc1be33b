package io.bosun.apiserver.endpoints;

import java.util.Locale;

/** CustomResourceDefinition manifests shared by the custom resource tests. */
final class Crds {
  private Crds() {}

  /**
   * A namespaced definition {@code <plural>.<group>} of kind {@code kind} with short name {@code
   * shortName}, category {@code category}, status and scale subresources, printer columns, a
   * selectable field, defaults, an enum, a pattern, a CEL rule and a transition rule.
   */
  static String widgets(
      String group, String plural, String kind, String shortName, String category) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %2$s.%1$s
        spec:
          group: %1$s
          scope: Namespaced
          names:
            plural: %2$s
            singular: %3$s
            kind: %4$s
            shortNames: [%5$s]
            categories: [%6$s]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
                labelSelectorPath: .status.selector
            selectableFields:
            - jsonPath: .spec.color
            additionalPrinterColumns:
            - name: Color
              type: string
              jsonPath: .spec.color
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Size
              type: string
              priority: 1
              jsonPath: .spec.size
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    description: The desired state of the widget.
                    required: [color]
                    x-kubernetes-validations:
                    - rule: "self.replicas <= self.maxReplicas"
                      message: replicas must not exceed maxReplicas
                    properties:
                      color:
                        type: string
                        description: The color of the widget.
                        enum: [red, green, blue]
                      replicas:
                        type: integer
                        minimum: 0
                        default: 1
                      maxReplicas:
                        type: integer
                        default: 10
                      size:
                        type: string
                        default: medium
                        pattern: '^(small|medium|large)$'
                      name:
                        type: string
                        maxLength: 20
                        x-kubernetes-validations:
                        - rule: "self == oldSelf"
                          message: name is immutable
                      tags:
                        type: array
                        maxItems: 5
                        x-kubernetes-list-type: set
                        items:
                          type: string
                          maxLength: 10
                  status:
                    type: object
                    properties:
                      replicas:
                        type: integer
                      selector:
                        type: string
                      phase:
                        type: string
        """
        .formatted(group, plural, singular(kind), kind, shortName, category);
  }

  /**
   * Creates the {@link #widgets} definition unless it exists, and waits until it is established.
   */
  static void define(
      Kubectl kubectl, String group, String plural, String kind, String shortName, String category)
      throws Exception {
    if (kubectl.run("get", "crd", plural + "." + group).exit() != 0) {
      kubectl.ok(
          "create",
          "-f",
          kubectl
              .file(plural + "-crd.yaml", widgets(group, plural, kind, shortName, category))
              .toString());
    }
    kubectl.ok(
        "wait", "--for", "condition=established", "--timeout=10s", "crd/" + plural + "." + group);
  }

  static String singular(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** A widget of the definition {@link #widgets} in namespace {@code default}. */
  static String widget(String group, String kind, String name, String spec) {
    return """
        apiVersion: %s/v1
        kind: %s
        metadata:
          name: %s
        spec:
        %s
        """
        .formatted(group, kind, name, spec.indent(2).stripTrailing());
  }
}

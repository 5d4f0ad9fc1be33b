package io.bosun.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.wiring.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against the schema of custom resources: violations answered with 422 and the
 * field at fault, defaults filled in, unknown fields pruned (or refused under strict field
 * validation), CEL rules and transition rules, and definitions refused for non-structural schemas,
 * rules that do not compile or cost too much, and names already taken.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CrdValidationKubectlIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GROUP = "validated.example.com";

  Kubectl kubectl;

  @BeforeEach
  void setUp() throws Exception {
    kubectl = new Kubectl();
    Crds.define(kubectl, GROUP, "widgets", "Widget", "vw", "validated");
  }

  private Kubectl.Result create(String name, String spec, String... flags) throws Exception {
    String file = kubectl.file(name + ".yaml", Crds.widget(GROUP, "Widget", name, spec)).toString();
    String[] args = new String[flags.length + 3];
    args[0] = "create";
    args[1] = "-f";
    args[2] = file;
    System.arraycopy(flags, 0, args, 3, flags.length);
    return kubectl.run(args);
  }

  private JsonNode widget(String name) throws Exception {
    return MAPPER.readTree(kubectl.ok("get", "widgets." + GROUP, name, "-o", "json"));
  }

  @Test
  void aSchemaViolationIsRefusedWithTheFieldAtFault() throws Exception {
    Kubectl.Result result = create("typed", "color: red\nreplicas: three");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains("The Widget \"typed\" is invalid")
        .contains(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type"
                + " integer: \"string\"");
    assertThat(kubectl.run("get", "widgets." + GROUP, "typed").exit()).isNotZero();

    Kubectl.Result enumeration = create("colored", "color: purple");
    assertThat(enumeration.err())
        .contains(
            "spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\","
                + " \"blue\"");
  }

  @Test
  void defaultsAreFilledIn() throws Exception {
    assertThat(create("defaulted", "color: green").exit()).isZero();

    JsonNode spec = widget("defaulted").path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.path("maxReplicas").asInt()).isEqualTo(10);
    assertThat(spec.path("size").asText()).isEqualTo("medium");
  }

  @Test
  void unknownFieldsArePrunedOrRefusedUnderStrictValidation() throws Exception {
    Kubectl.Result strict = create("strict", "color: red\nextra: 1");
    assertThat(strict.exit()).isNotZero();
    assertThat(strict.err()).contains("strict decoding error: unknown field \"spec.extra\"");

    Kubectl.Result warned = create("warned", "color: red\nextra: 1", "--validate=warn");
    assertThat(warned.exit()).as(warned.err()).isZero();
    assertThat(warned.err()).contains("unknown field \"spec.extra\"");

    assertThat(create("pruned", "color: red\nextra: 1", "--validate=false").exit()).isZero();
    JsonNode pruned = widget("pruned");
    assertThat(pruned.path("spec").has("extra")).isFalse();
    assertThat(pruned.path("spec").path("color").asText()).isEqualTo("red");
  }

  @Test
  void aBrokenCelRuleIsRefusedWithItsMessage() throws Exception {
    Kubectl.Result result = create("crowded", "color: red\nreplicas: 5\nmaxReplicas: 3");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains("The Widget \"crowded\" is invalid")
        .contains("spec: Invalid value: \"object\": replicas must not exceed maxReplicas");
  }

  @Test
  void aTransitionRuleKeepsAFieldImmutable() throws Exception {
    assertThat(create("named", "color: red\nname: first").exit()).isZero();

    Kubectl.Result result =
        kubectl.run(
            "patch",
            "widgets." + GROUP,
            "named",
            "--type=merge",
            "-p",
            "{\"spec\":{\"name\":\"second\"}}");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("spec.name: Invalid value: \"string\": name is immutable");
    kubectl.ok(
        "patch",
        "widgets." + GROUP,
        "named",
        "--type=merge",
        "-p",
        "{\"spec\":{\"color\":\"blue\"}}");
    assertThat(widget("named").path("spec").path("name").asText()).isEqualTo("first");
  }

  @Test
  void aNonStructuralSchemaIsRefused() throws Exception {
    Kubectl.Result result =
        refused(
            "looses",
            "Loose",
            """
                        type: object
                        properties:
                          spec:
                            properties:
                              size:
                                type: integer
                        """);

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains("The CustomResourceDefinition \"looses.refused.example.com\" is invalid")
        .contains(
            "spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be"
                + " empty for specified object fields");
  }

  @Test
  void aRuleThatDoesNotCompileIsRefused() throws Exception {
    Kubectl.Result result =
        refused(
            "uncompilables",
            "Uncompilable",
            """
                        type: object
                        properties:
                          spec:
                            type: object
                            x-kubernetes-validations:
                            - rule: self.size > 'big'
                            properties:
                              size:
                                type: integer
                        """);

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains(
            "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule:"
                + " Invalid value:")
        .contains("compilation failed: ERROR: <input>:1:11: found no matching overload for '_>_'");
  }

  @Test
  void aTooExpensiveRuleIsRefusedWithKubernetesCostMessage() throws Exception {
    Kubectl.Result result =
        refused(
            "expensives",
            "Expensive",
            """
                        type: object
                        properties:
                          spec:
                            type: object
                            x-kubernetes-validations:
                            - rule: self.tags.all(a, self.tags.all(b, a == b))
                            properties:
                              tags:
                                type: array
                                items:
                                  type: string
                        """);

    assertThat(result.exit()).isNotZero();
    assertThat(result.err())
        .contains(
            "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule:"
                + " Forbidden: estimated rule cost exceeds budget by factor of more than 100x (try"
                + " simplifying the rule, or adding maxItems, maxProperties, and maxLength where"
                + " arrays, maps, and strings are declared)");
  }

  @Test
  void aNameAlreadyTakenInTheGroupIsReportedInTheConditions() throws Exception {
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "gears.yaml",
                Crds.widgets("conflict.example.com", "gears", "Gear", "cg", "conflicting"))
            .toString());
    kubectl.ok(
        "wait",
        "--for",
        "condition=established",
        "--timeout=10s",
        "crd/gears.conflict.example.com");
    kubectl.ok(
        "create",
        "-f",
        kubectl
            .file(
                "cogs.yaml",
                Crds.widgets("conflict.example.com", "cogs", "Cog", "cg", "conflicting"))
            .toString());

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                CrdKubectlIT.condition(crd("cogs.conflict.example.com"), "NamesAccepted")
                    .has("reason"));
    JsonNode cogs = crd("cogs.conflict.example.com");
    JsonNode accepted = CrdKubectlIT.condition(cogs, "NamesAccepted");
    assertThat(accepted.path("status").asText()).isEqualTo("False");
    assertThat(accepted.path("reason").asText()).isEqualTo("ShortNamesConflict");
    assertThat(accepted.path("message").asText()).isEqualTo("\"cg\" is already in use");
    assertThat(CrdKubectlIT.condition(cogs, "Established").path("status").asText())
        .isEqualTo("False");
    assertThat(Api.get("/apis/conflict.example.com/v1/namespaces/default/cogs").statusCode())
        .isEqualTo(404);
  }

  private JsonNode crd(String name) throws Exception {
    return MAPPER.readTree(kubectl.ok("get", "crd", name, "-o", "json"));
  }

  /** Tries to create a definition in group refused.example.com with this schema. */
  private Kubectl.Result refused(String plural, String kind, String schema) throws Exception {
    return kubectl.run(
        "create",
        "-f",
        kubectl.file(plural + ".yaml", definition(plural, kind, schema)).toString());
  }

  private static String definition(String plural, String kind, String schema) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %1$s.refused.example.com
        spec:
          group: refused.example.com
          scope: Namespaced
          names: {plural: %1$s, kind: %2$s}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
        %3$s
        """
        .formatted(plural, kind, schema.indent(8).stripTrailing());
  }
}

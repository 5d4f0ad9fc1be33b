package io.bosun.apiserver.registry.crd.schema;

import static io.bosun.apiserver.registry.crd.schema.ValidationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.core.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralCheckTest {
  private static final String ROOT = "spec.validation.openAPIV3Schema";

  private static List<String> check(String schema) {
    return StructuralCheck.check(json(schema), ROOT, false).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void aStructuralSchemaPasses() {
    assertThat(
            check(
                "{'type':'object','properties':{'spec':{'type':'object','properties':{"
                    + "'port':{'x-kubernetes-int-or-string':true,'anyOf':[{'type':'integer'},{'type':'string'}]},"
                    + "'any':{'x-kubernetes-preserve-unknown-fields':true},"
                    + "'list':{'type':'array','items':{'type':'string'},'x-kubernetes-list-type':'set'}}}}}"))
        .isEmpty();
  }

  @Test
  void fieldsWithoutTypesAreRefusedAsKubernetesWordsIt() {
    assertThat(
            check("{'type':'object','properties':{'spec':{'properties':{'a':{'type':'string'}}}}}"))
        .containsExactly(
            ROOT
                + ".properties[spec].type: Required value: must not be empty for specified object"
                + " fields");
    assertThat(check("{'type':'object','properties':{'l':{'type':'array','items':{}}}}"))
        .containsExactly(
            ROOT
                + ".properties[l].items.type: Required value: must not be empty for specified"
                + " array items");
    assertThat(check("{'type':'object','properties':{'l':{'type':'array'}}}"))
        .containsExactly(ROOT + ".properties[l].items: Required value: must be specified");
  }

  @Test
  void valueValidationsMayNotDeclareTypesOrFieldsOfTheirOwn() {
    assertThat(
            check(
                "{'type':'object','properties':{'a':{'type':'string','anyOf':[{'type':'string'}]},"
                    + "'b':{'type':'object','allOf':[{'properties':{'c':{'type':'string'}}}]}}}"))
        .containsExactly(
            ROOT + ".properties[a].anyOf[0].type: Forbidden: must be empty to be structural",
            ROOT
                + ".properties[b].allOf[0].properties[c].type: Forbidden: must be empty to be"
                + " structural",
            ROOT
                + ".properties[b].properties[c]: Required value: because it is defined in "
                + ROOT
                + ".properties[b].allOf[0].properties[c]");
  }

  @Test
  void unsupportedKeywordsAndMisusedExtensionsAreRefused() {
    assertThat(
            check(
                "{'type':'object','properties':{'r':{'$ref':'#/x'},"
                    + "'m':{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string'}},"
                    + "'p':{'type':'object','x-kubernetes-preserve-unknown-fields':false},"
                    + "'u':{'type':'array','uniqueItems':true,'items':{'type':'string'}},"
                    + "'k':{'type':'array','x-kubernetes-list-type':'map','items':{'type':'object','properties':{'n':{'type':'string'}}}}}}"))
        .contains(
            ROOT + ".properties[r].$ref: Forbidden: $ref is not supported",
            ROOT
                + ".properties[m].additionalProperties: Forbidden: additionalProperties and"
                + " properties are mutual exclusive",
            ROOT
                + ".properties[p].x-kubernetes-preserve-unknown-fields: Invalid value: false: must"
                + " be true or undefined",
            ROOT
                + ".properties[u].uniqueItems: Forbidden: uniqueItems cannot be set to true since"
                + " the runtime complexity becomes quadratic",
            ROOT
                + ".properties[k].x-kubernetes-list-map-keys: Required value: must not be empty if"
                + " x-kubernetes-list-type is map");
  }

  @Test
  void theRootMustBeAnObjectAndMayOnlyRestrictNamesInMetadata() {
    assertThat(check("{'type':'string'}"))
        .containsExactly(ROOT + ".type: Invalid value: \"string\": must be object at the root");
    assertThat(
            check(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{'labels':{'type':'object'}}}}}"))
        .contains(
            ROOT
                + ".properties[metadata]: Forbidden: must not specify anything other than name and"
                + " generateName, but metadata is implicitly specified");
  }

  @Test
  void theStatusSubresourceRestrictsTheRoot() {
    assertThat(
            StructuralCheck.check(
                    json("{'type':'object','additionalProperties':{'type':'string'}}"), ROOT, true)
                .get(0)
                .toString())
        .startsWith(ROOT + ": Invalid value: ")
        .endsWith(
            "fields are allowed at the root of the schema if the status subresource is enabled");
  }
}

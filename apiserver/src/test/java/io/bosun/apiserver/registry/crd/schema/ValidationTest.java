package io.bosun.apiserver.registry.crd.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> errors(String schema, String object) {
    return Validation.validate(json(object), Structural.of(json(schema)), "").stream()
        .map(FieldError::toString)
        .toList();
  }

  private static final String SPEC =
      """
      {'type':'object','properties':{'spec':{'type':'object','required':['color'],'properties':{
        'replicas':{'type':'integer','minimum':0,'maximum':10},
        'color':{'type':'string','enum':['red','green']},
        'name':{'type':'string','maxLength':5,'minLength':2,'pattern':'^[a-z]+$'},
        'ratio':{'type':'number','exclusiveMaximum':true,'maximum':1,'multipleOf':0.25},
        'when':{'type':'string','format':'date-time'},
        'port':{'type':'integer','format':'int32'},
        'target':{'x-kubernetes-int-or-string':true},
        'optional':{'type':'string','nullable':true},
        'tags':{'type':'array','maxItems':2,'minItems':1,'x-kubernetes-list-type':'set','items':{'type':'string'}},
        'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],
          'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'},'port':{'type':'integer'}}}},
        'labels':{'type':'object','maxProperties':1,'additionalProperties':{'type':'string'}},
        'template':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true}
      }}}}
      """;

  @Test
  void wrongTypeIsReportedWithTheActualTypeAsKubernetesWordsIt() {
    assertThat(errors(SPEC, "{'spec':{'color':'red','replicas':'three'}}"))
        .containsExactly(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type"
                + " integer: \"string\"");
  }

  @Test
  void requiredEnumAndNumericBoundsAreChecked() {
    assertThat(errors(SPEC, "{'spec':{'replicas':11}}"))
        .containsExactly(
            "spec.color: Required value",
            "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal"
                + " to 10");
    assertThat(errors(SPEC, "{'spec':{'color':'blue','replicas':-1}}"))
        .containsExactlyInAnyOrder(
            "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or"
                + " equal to 0",
            "spec.color: Unsupported value: \"blue\": supported values: \"red\", \"green\"");
  }

  @Test
  void stringLengthPatternAndFormatAreChecked() {
    assertThat(errors(SPEC, "{'spec':{'color':'red','name':'ABCDEF'}}"))
        .containsExactly(
            "spec.name: Too long: may not be more than 5 bytes",
            "spec.name: Invalid value: \"ABCDEF\": spec.name in body should match '^[a-z]+$'");
    assertThat(errors(SPEC, "{'spec':{'color':'red','name':'a'}}"))
        .containsExactly(
            "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long");
    assertThat(errors(SPEC, "{'spec':{'color':'red','when':'yesterday','port':4294967296}}"))
        .containsExactly(
            "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time:"
                + " \"yesterday\"",
            "spec.port: Invalid value: \"4294967296\": spec.port in body must be of type int32:"
                + " \"4294967296\"");
  }

  @Test
  void exclusiveMaximumAndMultipleOfAreChecked() {
    assertThat(errors(SPEC, "{'spec':{'color':'red','ratio':1}}"))
        .containsExactly("spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1");
    assertThat(errors(SPEC, "{'spec':{'color':'red','ratio':0.3}}"))
        .containsExactly(
            "spec.ratio: Invalid value: \"0.3\": spec.ratio in body should be a multiple of 0.25");
  }

  @Test
  void intOrStringAndNullableAcceptTheirValuesOnly() {
    assertThat(errors(SPEC, "{'spec':{'color':'red','target':'50%','optional':null}}")).isEmpty();
    assertThat(errors(SPEC, "{'spec':{'color':'red','target':80}}")).isEmpty();
    assertThat(errors(SPEC, "{'spec':{'color':'red','target':true,'name':null}}"))
        .containsExactly(
            "spec.target: Invalid value: \"boolean\": spec.target in body must be of type"
                + " integer,string: \"boolean\"",
            "spec.name: Invalid value: \"null\": spec.name in body must be of type string:"
                + " \"null\"");
  }

  @Test
  void listTypesAndSizesAreChecked() {
    assertThat(errors(SPEC, "{'spec':{'color':'red','tags':['a','a','b']}}"))
        .containsExactly(
            "spec.tags: Too many: 3: must have at most 2 items",
            "spec.tags[1]: Duplicate value: \"a\"");
    assertThat(
            errors(
                SPEC,
                "{'spec':{'color':'red','ports':[{'name':'http','port':80},{'name':'http','port':81}]}}"))
        .containsExactly("spec.ports[1]: Duplicate value: {\"name\":\"http\"}");
    assertThat(errors(SPEC, "{'spec':{'color':'red','labels':{'a':'1','b':'2'}}}"))
        .containsExactly("spec.labels: Too many: 2: must have at most 1 items");
  }

  @Test
  void embeddedResourcesNeedApiVersionKindAndValidMetadata() {
    assertThat(
            errors(
                SPEC,
                "{'spec':{'color':'red','template':{'metadata':{'name':'a/b','labels':{'x':'-bad'}}}}}"))
        .contains(
            "spec.template.apiVersion: Required value: must not be empty",
            "spec.template.kind: Required value: must not be empty",
            "spec.template.metadata.name: Invalid value: \"a/b\": may not contain '/'");
    assertThat(
            errors(
                SPEC,
                "{'spec':{'color':'red','template':{'apiVersion':'v1','kind':'Pod','spec':{'x':1}}}}"))
        .isEmpty();
  }

  @Test
  void junctorsRestrictValues() {
    String schema =
        "{'type':'object','properties':{'a':{'type':'integer','not':{'enum':[3]}},"
            + "'b':{'type':'string','anyOf':[{'pattern':'^x'},{'pattern':'^y'}]}}}";
    assertThat(errors(schema, "{'a':3,'b':'z'}"))
        .containsExactly(
            "a: Invalid value: 3: a in body must not validate the schema (not)",
            "b: Invalid value: \"z\": b in body must validate at least one schema (anyOf)");
  }

  static JsonNode parse(String text) {
    return json(text);
  }
}

package io.bosun.apiserver.registry.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdValidationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCHEMA =
      "'schema':{'openAPIV3Schema':{'type':'object','properties':{'spec':{'type':'object'}}}}";

  private static ObjectNode crd(String name, String spec) {
    try {
      return (ObjectNode)
          MAPPER.readTree(
              ("{'metadata':{'name':'" + name + "'},'spec':" + spec + "}").replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> errors(ObjectNode crd) {
    return CrdValidation.validate(crd).stream().map(FieldError::toString).toList();
  }

  @Test
  void aWellFormedDefinitionPasses() {
    assertThat(
            errors(
                crd(
                    "foos.example.com",
                    "{'group':'example.com','scope':'Namespaced','names':{'plural':'foos','kind':'Foo'},"
                        + "'versions':[{'name':'v1','served':true,'storage':true,"
                        + SCHEMA
                        + "}]}")))
        .isEmpty();
  }

  @Test
  void namesGroupScopeAndVersionsAreChecked() {
    assertThat(
            errors(
                crd(
                    "bars.example.com",
                    "{'group':'example','scope':'Global','names':{'plural':'foos','kind':'Foo_Bar','shortNames':['F']},"
                        + "'versions':[{'name':'v1','served':true,'storage':true,"
                        + SCHEMA
                        + "},{'name':'V2','served':true,'storage':true,"
                        + SCHEMA
                        + "}]}")))
        .contains(
            "metadata.name: Invalid value: \"bars.example.com\": must be"
                + " spec.names.plural+\".\"+spec.group",
            "spec.group: Invalid value: \"example\": should be a domain with at least one dot",
            "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\","
                + " \"Namespaced\"",
            "spec.names.shortNames[0]: Invalid value: \"F\": a DNS-1035 label must consist of lower"
                + " case alphanumeric characters or '-', start with an alphabetic character, and"
                + " end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used"
                + " for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.versions[1].name: Invalid value: \"V2\": a DNS-1035 label must consist of lower"
                + " case alphanumeric characters or '-', start with an alphabetic character, and"
                + " end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used"
                + " for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")
        .anyMatch(
            e -> e.startsWith("spec.names.kind: Invalid value: \"Foo_Bar\": may have mixed case"))
        .anyMatch(
            e ->
                e.startsWith("spec.versions: Invalid value: ")
                    && e.endsWith("must have exactly one version marked as storage version"));
  }

  @Test
  void schemasAreRequiredAndWebhookConversionIsNotOffered() {
    assertThat(
            errors(
                crd(
                    "foos.example.com",
                    "{'group':'example.com','scope':'Cluster','names':{'plural':'foos','kind':'Foo'},"
                        + "'conversion':{'strategy':'Webhook'},"
                        + "'versions':[{'name':'v1','served':true,'storage':true}]}")))
        .containsExactly(
            "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required",
            "spec.conversion.strategy: Invalid value: \"Webhook\": webhook conversion is not"
                + " supported by this server; use None");
  }

  @Test
  void printerColumnsScaleAndSelectableFieldsAreChecked() {
    assertThat(
            errors(
                crd(
                    "foos.example.com",
                    "{'group':'example.com','scope':'Namespaced','names':{'plural':'foos','kind':'Foo'},"
                        + "'versions':[{'name':'v1','served':true,'storage':true,"
                        + SCHEMA
                        + ",'additionalPrinterColumns':[{'name':'X','type':'text','jsonPath':'spec.x'}],"
                        + "'subresources':{'scale':{'specReplicasPath':'.status.replicas','statusReplicasPath':'.status.replicas'}},"
                        + "'selectableFields':[{'jsonPath':'.spec.missing'}]}]}")))
        .containsExactly(
            "spec.subresources.scale.specReplicasPath: Invalid value: \".status.replicas\": should"
                + " be a json path under .spec",
            "spec.additionalPrinterColumns[0].type: Invalid value: \"text\": must be one of"
                + " boolean,date,integer,number,string",
            "spec.additionalPrinterColumns[0].JSONPath: Invalid value: \"spec.x\": must be a simple"
                + " json path starting with .",
            "spec.selectableFields[0].jsonPath: Invalid value: \".spec.missing\": is an"
                + " invalid path: does not refer to a valid field");
  }
}

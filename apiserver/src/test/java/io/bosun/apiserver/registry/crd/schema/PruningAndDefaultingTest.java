package io.bosun.apiserver.registry.crd.schema;

import static io.bosun.apiserver.registry.crd.schema.ValidationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PruningAndDefaultingTest {
  private static final Structural SCHEMA =
      Structural.of(
          json(
              """
              {'type':'object','properties':{
                'spec':{'type':'object','properties':{
                  'replicas':{'type':'integer','default':1},
                  'mode':{'type':'string','default':'auto'},
                  'limits':{'type':'object','default':{},'properties':{'cpu':{'type':'string','default':'1'}}},
                  'items':{'type':'array','items':{'type':'object','properties':{'weight':{'type':'integer','default':5}}}},
                  'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'known':{'type':'object','properties':{'x':{'type':'string'}}}}},
                  'template':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}}
                }}}}
              """));

  @Test
  void pruningDropsUnknownFieldsAndReportsTheirPaths() {
    ObjectNode object =
        json(
            "{'apiVersion':'x/v1','kind':'K','metadata':{'name':'n','bogus':1},"
                + "'spec':{'replicas':2,'extra':true,'items':[{'weight':1,'junk':2}],"
                + "'free':{'anything':1,'known':{'x':'a','y':'b'}},"
                + "'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','odd':1},'spec':{},'other':1}},"
                + "'status':{'phase':'x'}}");

    assertThat(Pruning.prune(object, SCHEMA, true))
        .containsExactly(
            "metadata.bogus",
            "spec.extra",
            "spec.items[0].junk",
            "spec.free.known.y",
            "spec.template.metadata.odd",
            "spec.template.other",
            "status");
    assertThat(object)
        .isEqualTo(
            json(
                "{'apiVersion':'x/v1','kind':'K','metadata':{'name':'n'},"
                    + "'spec':{'replicas':2,'items':[{'weight':1}],"
                    + "'free':{'anything':1,'known':{'x':'a'}},"
                    + "'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{}}}}"));
  }

  @Test
  void defaultsFillMissingFieldsNestedDefaultsAndNonNullableNulls() {
    ObjectNode object = json("{'spec':{'mode':null,'items':[{},{'weight':2}]}}");

    Defaulting.apply(object, SCHEMA);

    assertThat(object)
        .isEqualTo(
            json(
                "{'spec':{'mode':'auto','items':[{'weight':5},{'weight':2}],"
                    + "'replicas':1,'limits':{'cpu':'1'}}}"));
  }

  @Test
  void defaultsThatDoNotValidateOrNeedPruningAreReported() {
    assertThat(
            StructuralCheck.check(
                json(
                    "{'type':'object','properties':{'a':{'type':'integer','default':'x'},"
                        + "'b':{'type':'object','default':{'c':1},'properties':{'d':{'type':'string'}}}}}"),
                "spec.validation.openAPIV3Schema",
                false))
        .map(Object::toString)
        .containsExactly(
            "spec.validation.openAPIV3Schema.properties[a].default: Invalid value: \"string\":"
                + " spec.validation.openAPIV3Schema.properties[a].default in body must be of type"
                + " integer: \"string\"",
            "spec.validation.openAPIV3Schema.properties[b].default: Invalid value: {\"c\":1}: must"
                + " not have unknown fields");
  }
}

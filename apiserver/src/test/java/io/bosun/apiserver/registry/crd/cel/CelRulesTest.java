package io.bosun.apiserver.registry.crd.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.core.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelRulesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROOT = "spec.validation.openAPIV3Schema";

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String spec(String rules, String extraProperties) {
    return "{'type':'object','properties':{'spec':{'type':'object',"
        + "'x-kubernetes-validations':["
        + rules
        + "],'properties':{'replicas':{'type':'integer'},'max':{'type':'integer'},"
        + "'name':{'type':'string','maxLength':10},"
        + "'tags':{'type':'array','items':{'type':'string'}}"
        + extraProperties
        + "}}}}";
  }

  private static List<String> check(String schema) {
    return CelCheck.check(json(schema), ROOT).stream().map(FieldError::toString).toList();
  }

  private static List<String> validate(String schema, String object, String old) {
    return CelValidator.of(Structural.of(json(schema)))
        .validate(json(object), old == null ? null : json(old))
        .stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void validRulesCompile() {
    assertThat(
            check(
                spec(
                    "{'rule':'self.replicas <= self.max','message':'too many'},"
                        + "{'rule':'self.name.startsWith(\\'a\\') || self.tags.all(t, t.size() < 5)'},"
                        + "{'rule':'!has(self.name) || self.name.matches(\\'^[a-z]+$\\')'}",
                    "")))
        .isEmpty();
  }

  @Test
  void aRuleThatDoesNotCompileIsRefusedWithTheCompilerMessage() {
    assertThat(check(spec("{'rule':'self.nope > 1'}", "")))
        .containsExactly(
            ROOT
                + ".properties[spec].x-kubernetes-validations[0].rule: Invalid value:"
                + " apiextensions.ValidationRule{Rule:\"self.nope > 1\", Message:\"\","
                + " MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil),"
                + " FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR:"
                + " <input>:1:5: undefined field 'nope'\n | self.nope > 1\n | ....^");
    assertThat(check(spec("{'rule':'self.replicas + 1'}", "")))
        .singleElement()
        .asString()
        .endsWith(": cel expression must evaluate to a bool");
  }

  @Test
  void anUnboundedQuadraticRuleIsRefusedWithKubernetesCostMessage() {
    assertThat(check(spec("{'rule':'self.tags.all(x, self.tags.all(y, x == y))'}", "")))
        .contains(
            ROOT
                + ".properties[spec].x-kubernetes-validations[0].rule: Forbidden: estimated rule"
                + " cost exceeds budget by factor of more than 100x (try simplifying the rule, or"
                + " adding maxItems, maxProperties, and maxLength where arrays, maps, and strings"
                + " are declared)",
            ROOT
                + ": Forbidden: x-kubernetes-validations estimated rule cost total for entire"
                + " OpenAPIv3 schema exceeds budget by factor of more than 100x (try simplifying"
                + " the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps,"
                + " and strings are declared)");
  }

  @Test
  void boundsMakeTheSameRuleAffordable() {
    String bounded =
        "{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-validations':["
            + "{'rule':'self.tags.all(x, self.tags.all(y, x == y))'}],'properties':{"
            + "'tags':{'type':'array','maxItems':20,'items':{'type':'string','maxLength':10}}}}}}";
    assertThat(check(bounded)).isEmpty();
  }

  @Test
  void transitionRulesMayNotSitUnderAtomicLists() {
    String schema =
        "{'type':'object','properties':{'list':{'type':'array','maxItems':10,'items':{'type':'string',"
            + "'maxLength':10,'x-kubernetes-validations':[{'rule':'self == oldSelf'}]}}}}";
    assertThat(check(schema))
        .containsExactly(
            ROOT
                + ".properties[list].items.x-kubernetes-validations[0].rule: Invalid value: \"self"
                + " == oldSelf\": oldSelf cannot be used on the uncorrelatable portion of the schema"
                + " within "
                + ROOT
                + ".properties[list]");
  }

  @Test
  void failingRulesReportTheirMessageReasonAndField() {
    String schema =
        spec(
            "{'rule':'self.replicas <= self.max','message':'replicas must not exceed max'},"
                + "{'rule':'self.replicas != 4','messageExpression':'\\'4 is unlucky, not \\' + string(self.max)'},"
                + "{'rule':'self.replicas != 5','reason':'FieldValueForbidden','fieldPath':'.replicas'}",
            "");
    assertThat(validate(schema, "{'spec':{'replicas':4,'max':3}}", null))
        .containsExactly(
            "spec: Invalid value: \"object\": replicas must not exceed max",
            "spec: Invalid value: \"object\": 4 is unlucky, not 3");
    assertThat(validate(schema, "{'spec':{'replicas':5,'max':9}}", null))
        .containsExactly("spec.replicas: Forbidden: failed rule: self.replicas != 5");
  }

  @Test
  void transitionRulesRunOnlyOnUpdates() {
    String schema =
        "{'type':'object','properties':{'spec':{'type':'object','properties':{'name':{'type':'string',"
            + "'x-kubernetes-validations':[{'rule':'self == oldSelf','message':'name is immutable'}]}}}}}";
    assertThat(validate(schema, "{'spec':{'name':'a'}}", null)).isEmpty();
    assertThat(validate(schema, "{'spec':{'name':'a'}}", "{'spec':{'name':'a'}}")).isEmpty();
    assertThat(validate(schema, "{'spec':{'name':'b'}}", "{'spec':{'name':'a'}}"))
        .containsExactly("spec.name: Invalid value: \"string\": name is immutable");
  }

  @Test
  void rulesAtTheRootSeeNameAndKindAndReportTheRootAsKubernetesDoes() {
    String schema =
        "{'type':'object','x-kubernetes-validations':[{'rule':'self.metadata.name.startsWith(\\'ok\\')'}],"
            + "'properties':{'spec':{'type':'object'}}}";
    assertThat(validate(schema, "{'kind':'K','metadata':{'name':'ok-1'}}", null)).isEmpty();
    assertThat(validate(schema, "{'kind':'K','metadata':{'name':'bad'}}", null))
        .containsExactly(
            "<nil>: Invalid value: \"object\": failed rule: self.metadata.name.startsWith(\"ok\")");
  }

  @Test
  void kubernetesListAndRegexFunctionsAreAvailable() {
    String schema =
        "{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-validations':["
            + "{'rule':'self.nums.isSorted() && self.nums.sum() == 6 && self.nums.max() == 3'},"
            + "{'rule':'self.text.find(\\'[0-9]+\\') == \\'42\\' && self.text.findAll(\\'[a-z]\\').size() == 2'}],"
            + "'properties':{'nums':{'type':'array','maxItems':10,'items':{'type':'integer'}},"
            + "'text':{'type':'string','maxLength':20}}}}}";
    assertThat(check(schema)).isEmpty();
    assertThat(validate(schema, "{'spec':{'nums':[1,2,3],'text':'ab42'}}", null)).isEmpty();
    assertThat(validate(schema, "{'spec':{'nums':[3,2,1],'text':'ab42'}}", null))
        .singleElement()
        .asString()
        .startsWith("spec: Invalid value: \"object\": failed rule: self.nums.isSorted()");
  }
}

package io.bosun.apiserver.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.NameRule;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.StatusException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaValidationTest {
  static ObjectNode object(String json) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(json);
  }

  @Test
  void requiresANameOrGenerateName() throws Exception {
    List<FieldError> errors =
        MetaValidation.validate(
            object("{\"metadata\":{\"namespace\":\"a\"}}"), NameRule.DNS1123_SUBDOMAIN, true);
    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly("metadata.name: Required value: name or generateName is required");
  }

  @Test
  void namespacesMustBeLabelsWhileConfigMapsMayBeSubdomains() {
    assertThat(MetaValidation.validateName(NameRule.DNS1123_SUBDOMAIN, "metadata.name", "a.b"))
        .isEmpty();
    assertThat(MetaValidation.validateName(NameRule.DNS1123_LABEL, "metadata.name", "a.b"))
        .extracting(FieldError::message)
        .containsExactly("Invalid value: \"a.b\": " + MetaValidation.LABEL_MESSAGE);
    assertThat(MetaValidation.validateName(NameRule.DNS1123_LABEL, "metadata.name", "x".repeat(64)))
        .hasSize(1);
  }

  @Test
  void refusesBadLabelKeysAndValues() throws Exception {
    List<FieldError> errors =
        MetaValidation.validate(
            object(
                "{\"metadata\":{\"name\":\"n\",\"namespace\":\"a\",\"labels\":{\"a b\":\"-x\"}}}"),
            NameRule.DNS1123_SUBDOMAIN,
            true);
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly("metadata.labels", "metadata.labels");
  }

  @Test
  void refusesWronglyTypedMetadataAsBadRequest() throws Exception {
    assertThatThrownBy(
            () -> MetaValidation.checkShape(object("{\"metadata\":{\"labels\":{\"a\":1}}}")))
        .isInstanceOf(StatusException.class)
        .extracting(e -> ((StatusException) e).status().code())
        .isEqualTo(400);
  }
}

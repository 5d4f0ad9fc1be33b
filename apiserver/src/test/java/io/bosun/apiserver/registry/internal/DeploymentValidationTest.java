package io.bosun.apiserver.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A defaulted Deployment whose spec has {@code extra} merged in. */
  private static ObjectNode deployment(String extra) throws Exception {
    ObjectNode deployment =
        (ObjectNode)
            JSON.readTree(
                "{\"metadata\":{\"name\":\"web\"},\"spec\":{"
                    + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                    + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                    + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}");
    JSON.readerForUpdating(deployment.path("spec")).readValue(extra);
    Defaults.deployment(deployment);
    return deployment;
  }

  private static List<String> errors(String extra) throws Exception {
    return DeploymentValidation.validate(deployment(extra)).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void acceptsTheDefaultsAndAZeroSurgeWithOneUnavailable() throws Exception {
    assertThat(errors("{}")).isEmpty();
    assertThat(errors("{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":1}}}"))
        .isEmpty();
    assertThat(errors("{\"strategy\":{\"type\":\"Recreate\"}}")).isEmpty();
  }

  @Test
  void refusesARollingUpdateThatCanNeverMoveAsKubernetesWordsIt() throws Exception {
    assertThat(errors("{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":0}}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value:"
                + " intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}:"
                + " may not be 0 when `maxSurge` is 0");
    assertThat(
            errors("{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"0%\",\"maxUnavailable\":0}}}"))
        .hasSize(1);
  }

  @Test
  void refusesMalformedOrNegativeOrTooLargeAmounts() throws Exception {
    assertThat(
            errors(
                "{\"strategy\":{\"rollingUpdate\":"
                    + "{\"maxSurge\":\"20Percent\",\"maxUnavailable\":\"110%\"}}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value:"
                + " intstr.IntOrString{Type:1, IntVal:0, StrVal:\"20Percent\"}:"
                + " a valid percent string must be a numeric string followed by an ending '%'"
                + " (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value:"
                + " intstr.IntOrString{Type:1, IntVal:0, StrVal:\"110%\"}:"
                + " must not be greater than 100%");
    assertThat(errors("{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":-1}}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1:"
                + " must be greater than or equal to 0");
  }

  @Test
  void refusesRollingUpdateSettingsWithRecreate() throws Exception {
    ObjectNode deployment = deployment("{\"strategy\":{\"type\":\"Recreate\"}}");
    ((ObjectNode) deployment.path("spec").path("strategy"))
        .putObject("rollingUpdate")
        .put("maxSurge", 1);
    assertThat(DeploymentValidation.validate(deployment))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.strategy.rollingUpdate: Forbidden:"
                + " may not be specified when strategy `type` is 'Recreate'");
  }

  @Test
  void refusesNegativeCountsAndADeadlineNotAfterMinReadySeconds() throws Exception {
    assertThat(errors("{\"replicas\":-1,\"minReadySeconds\":-2,\"revisionHistoryLimit\":-3}"))
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
            "spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0");
    assertThat(errors("{\"minReadySeconds\":30,\"progressDeadlineSeconds\":30}"))
        .containsExactly(
            "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds");
  }

  @Test
  void stillRefusesASelectorThatDoesNotMatchTheTemplate() throws Exception {
    ObjectNode deployment = deployment("{}");
    ((ObjectNode) deployment.path("spec").path("selector").path("matchLabels")).put("app", "other");
    assertThat(DeploymentValidation.validate(deployment))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
                + " `selector` does not match template `labels`");
  }
}

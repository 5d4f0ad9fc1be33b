package io.bosun.apiserver.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DefaultTolerationSecondsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode pod(String spec) throws Exception {
    return (ObjectNode) JSON.readTree("{\"metadata\":{\"name\":\"p\"},\"spec\":" + spec + "}");
  }

  @Test
  void addsBothTolerationsForFiveMinutesToAPodWithoutAny() throws Exception {
    ObjectNode pod = pod("{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}");

    DefaultTolerationSeconds.admit(pod);

    assertThat(pod.path("spec").path("tolerations").toString())
        .isEqualTo(
            "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300},"
                + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
  }

  @Test
  void keepsExplicitTolerationsAndAddsOnlyWhatIsMissing() throws Exception {
    ObjectNode pod =
        pod(
            "{\"tolerations\":[{\"key\":\"gpu\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":2}]}");

    DefaultTolerationSeconds.admit(pod);

    assertThat(pod.path("spec").path("tolerations").toString())
        .isEqualTo(
            "[{\"key\":\"gpu\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":2},"
                + "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
  }

  @Test
  void aTolerationOfEveryTaintNeedsNoDefaults() throws Exception {
    ObjectNode pod = pod("{\"tolerations\":[{\"operator\":\"Exists\"}]}");

    DefaultTolerationSeconds.admit(pod);

    assertThat(pod.path("spec").path("tolerations")).hasSize(1);
  }

  @Test
  void aNoScheduleTolerationOfTheKeyDoesNotCount() throws Exception {
    ObjectNode pod =
        pod(
            "{\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]}");

    DefaultTolerationSeconds.admit(pod);

    assertThat(pod.path("spec").path("tolerations")).hasSize(3);
  }
}

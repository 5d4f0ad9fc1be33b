package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.QuotedJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HpaConversionTest {
  private final HpaConversion conversion = new HpaConversion();

  private static final String V1 =
      "{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler',"
          + "'metadata':{'name':'web','annotations':{'a':'b'}},"
          + "'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':2,"
          + "'maxReplicas':5,'targetCPUUtilizationPercentage':50},"
          + "'status':{'currentReplicas':2,'desiredReplicas':3,'currentCPUUtilizationPercentage':77}}";

  private static final String V2 =
      "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler',"
          + "'metadata':{'name':'web','annotations':{'a':'b'}},"
          + "'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':2,"
          + "'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'cpu',"
          + "'target':{'type':'Utilization','averageUtilization':50}}}]},"
          + "'status':{'currentReplicas':2,'desiredReplicas':3,'currentMetrics':[{'type':'Resource',"
          + "'resource':{'name':'cpu','current':{'averageUtilization':77}}}]}}";

  private static final String V2_MORE =
      "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},"
          + "'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':1,"
          + "'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'memory',"
          + "'target':{'type':'AverageValue','averageValue':'100Mi'}}},{'type':'Resource',"
          + "'resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':50}}}],"
          + "'behavior':{'scaleDown':{'stabilizationWindowSeconds':60}}},"
          + "'status':{'currentReplicas':1,'desiredReplicas':1,'conditions':[{'type':'AbleToScale',"
          + "'status':'True'}],'currentMetrics':[{'type':'Resource','resource':{'name':'memory',"
          + "'current':{'averageValue':'50Mi'}}}]}}";

  @Test
  void storesAV1ObjectAsV2() throws Exception {
    assertThat(conversion.toStorage(json(V1), null)).isEqualTo(json(V2));
  }

  @Test
  void servesTheStoredFormAsV1() throws Exception {
    assertThat(conversion.toVersion(json(V2), "autoscaling/v1")).isEqualTo(json(V1));
  }

  @Test
  void servesAV1ObjectStoredBeforeConversionAsV2() throws Exception {
    assertThat(conversion.toVersion(json(V1), "autoscaling/v2")).isEqualTo(json(V2));
    assertThat(conversion.toVersion(json(V1), "autoscaling/v1")).isEqualTo(json(V1));
  }

  @Test
  void aV1UpdateKeepsWhatV1CannotSay() throws Exception {
    ObjectNode v1 = conversion.toVersion(json(V2_MORE), "autoscaling/v1");
    assertThat(v1.at("/spec/targetCPUUtilizationPercentage").asInt()).isEqualTo(50);
    assertThat(v1.at("/status").has("conditions")).isFalse();
    v1.with("spec").put("targetCPUUtilizationPercentage", 70);

    ObjectNode stored = conversion.toStorage(v1, json(V2_MORE));

    assertThat(stored.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
        .isEqualTo(70);
    assertThat(stored.at("/spec/metrics/1/resource/name").asText()).isEqualTo("memory");
    assertThat(stored.at("/spec/metrics").size()).isEqualTo(2);
    assertThat(stored.at("/spec/behavior")).isEqualTo(json(V2_MORE).at("/spec/behavior"));
    assertThat(stored.at("/status/conditions")).isEqualTo(json(V2_MORE).at("/status/conditions"));
    assertThat(stored.at("/status/currentMetrics"))
        .isEqualTo(json(V2_MORE).at("/status/currentMetrics"));
  }

  @Test
  void aV1UpdateThatDropsTheCpuTargetLeavesTheOtherMetrics() throws Exception {
    ObjectNode v1 = conversion.toVersion(json(V2_MORE), "autoscaling/v1");
    v1.with("spec").remove("targetCPUUtilizationPercentage");

    ObjectNode stored = conversion.toStorage(v1, json(V2_MORE));

    assertThat(stored.at("/spec/metrics").size()).isEqualTo(1);
    assertThat(stored.at("/spec/metrics/0/resource/name").asText()).isEqualTo("memory");
  }

  @Test
  void defaultsMinReplicasAndACpuTargetOfEightyPercent() throws Exception {
    ObjectNode v1 =
        json(
            "{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'x'},"
                + "'spec':{'scaleTargetRef':{'kind':'Deployment','name':'x'},'maxReplicas':3}}");

    ObjectNode stored = conversion.toStorage(v1, null);

    assertThat(stored.at("/spec/minReplicas").asInt()).isEqualTo(1);
    assertThat(stored.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
        .isEqualTo(80);
    assertThat(
            conversion
                .toVersion(stored, "autoscaling/v1")
                .at("/spec/targetCPUUtilizationPercentage")
                .asInt())
        .isEqualTo(80);
  }

  @Test
  void leavesAV2WriteAsItIsApartFromDefaults() throws Exception {
    assertThat(conversion.toStorage(json(V2_MORE), null)).isEqualTo(json(V2_MORE));
  }
}

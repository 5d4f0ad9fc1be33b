package io.bosun.controllers.scheduler;

import static io.bosun.controllers.scheduler.Fixtures.info;
import static io.bosun.controllers.scheduler.Fixtures.node;
import static io.bosun.controllers.scheduler.Fixtures.pod;
import static io.bosun.controllers.scheduler.Fixtures.requesting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private static final PodAffinity NO_POD_AFFINITY =
      PodAffinity.of(pod("ns", "p", null, Map.of()).build(), List.of(), n -> Map.of());

  @Test
  void countsTheRequestsOfThePodsAlreadyOnTheNode() {
    Node node = node("n", "2", "4Gi", Map.of()).build();
    NodeInfo busy = info(node, pod("ns", "a", "1500m", Map.of()).build());

    assertThat(reasons(pod("ns", "p", "500m", Map.of()).build(), busy)).isEmpty();
    assertThat(reasons(pod("ns", "p", "501m", Map.of()).build(), busy))
        .containsExactly("Insufficient cpu");
  }

  @Test
  void anInitContainerCountsAloneAndALimitWithoutRequestCountsAsTheRequest() {
    Pod pod =
        pod("ns", "p", "1", Map.of())
            .editSpec()
            .addNewInitContainer()
            .withName("init")
            .withNewResources()
            .addToRequests("cpu", new Quantity("3"))
            .endResources()
            .endInitContainer()
            .addNewContainer()
            .withName("limited")
            .withNewResources()
            .addToLimits("memory", new Quantity("5Gi"))
            .endResources()
            .endContainer()
            .endSpec()
            .build();

    assertThat(Resources.requests(pod))
        .containsEntry("cpu", new Quantity("3").getNumericalAmount())
        .containsEntry("memory", new Quantity("5Gi").getNumericalAmount());
    assertThat(reasons(pod, info(node("n", "2", "4Gi", Map.of()).build())))
        .containsExactly("Insufficient cpu", "Insufficient memory");
  }

  @Test
  void aFullNodeHasTooManyPodsAndAnUnknownResourceIsInsufficient() {
    Node node =
        node("n", "8", "8Gi", Map.of())
            .editStatus()
            .addToAllocatable("pods", new Quantity("1"))
            .endStatus()
            .build();
    Pod gpu = requesting(pod("ns", "p", null, Map.of()), "example.com/gpu", "1").build();

    assertThat(reasons(gpu, info(node, pod("ns", "a", null, Map.of()).build())))
        .containsExactly("Too many pods", "Insufficient example.com/gpu");
  }

  @Test
  void checksInKubernetesOrderAndGivesTheFirstFailure() {
    Node cordonedAndTainted =
        node("n", "1", "1Gi", Map.of())
            .editSpec()
            .withUnschedulable(true)
            .addNewTaint()
            .withKey("k")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .build();
    Pod big =
        pod("ns", "p", "4", Map.of()).editSpec().addToNodeSelector("x", "y").endSpec().build();

    assertThat(reasons(big, info(cordonedAndTainted))).containsExactly(Filters.UNSCHEDULABLE);
    cordonedAndTainted.getSpec().setUnschedulable(false);
    assertThat(reasons(big, info(cordonedAndTainted)))
        .containsExactly("node(s) had untolerated taint {k: }");
    cordonedAndTainted.getSpec().setTaints(List.of());
    assertThat(reasons(big, info(cordonedAndTainted))).containsExactly(Filters.AFFINITY);
  }

  @Test
  void aNodeRegisteredWithoutSpecOrLabelsFits() {
    Node bare = node("n", "4", "4Gi", Map.of()).withSpec(null).build();
    bare.getMetadata().setLabels(null);
    Pod pod = pod("ns", "p", "1", Map.of()).build();

    assertThat(reasons(pod, info(bare))).isEmpty();
    assertThat(Scores.best(pod, List.of(info(bare)), Map.of()).name()).isEqualTo("n");
  }

  @Test
  void tolerationsMatchAsKubernetesMatchesThem() {
    Taint gpu = new Taint("NoSchedule", "dedicated", null, "gpu");
    assertThat(Taints.tolerates(toleration("dedicated", "Equal", "gpu", "NoSchedule"), gpu))
        .isTrue();
    assertThat(Taints.tolerates(toleration("dedicated", null, "gpu", null), gpu)).isTrue();
    assertThat(Taints.tolerates(toleration("dedicated", "Equal", "cpu", null), gpu)).isFalse();
    assertThat(Taints.tolerates(toleration("dedicated", "Exists", null, null), gpu)).isTrue();
    assertThat(Taints.tolerates(toleration("dedicated", "Exists", null, "NoExecute"), gpu))
        .isFalse();
    assertThat(Taints.tolerates(toleration(null, "Exists", null, null), gpu)).isTrue();
    assertThat(Taints.tolerates(toleration(null, "Equal", null, null), gpu)).isFalse();
  }

  @Test
  void aNodeThatIsNotReadyIsTaintedUnlessThePodToleratesIt() {
    Node down = node("n", "4", "4Gi", Map.of()).build();
    down.getStatus().getConditions().get(0).setStatus("Unknown");
    Pod pod = pod("ns", "p", null, Map.of()).build();

    assertThat(reasons(pod, info(down)))
        .containsExactly("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
    pod.getSpec()
        .setTolerations(List.of(toleration("node.kubernetes.io/not-ready", "Exists", null, null)));
    assertThat(reasons(pod, info(down))).isEmpty();
  }

  @Test
  void nodeAffinityOperatorsReadLabelsAndTheNodeName() {
    Node node = node("n-1", "4", "4Gi", Map.of("gen", "5", "disk", "ssd")).build();

    assertThat(requires(node, "gen", "Gt", "4")).isTrue();
    assertThat(requires(node, "gen", "Gt", "5")).isFalse();
    assertThat(requires(node, "gen", "Lt", "6")).isTrue();
    assertThat(requires(node, "gen", "Lt", "x")).isFalse();
    assertThat(requires(node, "disk", "NotIn", "hdd")).isTrue();
    assertThat(requires(node, "missing", "NotIn", "hdd")).isTrue();
    assertThat(requires(node, "missing", "DoesNotExist")).isTrue();
    assertThat(requires(node, "disk", "Exists")).isTrue();
    Pod byName =
        requiring(
            new NodeSelectorTermBuilder()
                .addNewMatchField()
                .withKey("metadata.name")
                .withOperator("In")
                .withValues("n-1")
                .endMatchField()
                .build());
    assertThat(NodeAffinity.required(byName, node)).isTrue();
    assertThat(NodeAffinity.required(byName, node("n-2", "4", "4Gi", Map.of()).build())).isFalse();
  }

  private static boolean requires(Node node, String key, String operator, String... values) {
    Pod pod =
        requiring(
            new NodeSelectorTermBuilder()
                .addNewMatchExpression()
                .withKey(key)
                .withOperator(operator)
                .withValues(values)
                .endMatchExpression()
                .build());
    return NodeAffinity.required(pod, node);
  }

  private static Pod requiring(NodeSelectorTerm term) {
    return pod("ns", "p", null, Map.of())
        .editSpec()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(term)
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .endSpec()
        .build();
  }

  private static Toleration toleration(String key, String operator, String value, String effect) {
    return new Toleration(effect, key, operator, null, value);
  }

  private static List<String> reasons(Pod pod, NodeInfo info) {
    return Filters.reasons(pod, info, NO_POD_AFFINITY);
  }
}

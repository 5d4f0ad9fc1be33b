package io.bosun.controller.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.source.ResourceEvent;
import io.bosun.core.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPredicateTest {

  private static ConfigMap object(long generation, String rv, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("cm")
        .withGeneration(generation)
        .withResourceVersion(rv)
        .withLabels(labels)
        .withAnnotations(Map.of("note", rv))
        .endMetadata()
        .build();
  }

  private static final ConfigMap V1 = object(1, "10", Map.of("app", "web"));
  private static final ConfigMap V1_STATUS = object(1, "11", Map.of("app", "web"));
  private static final ConfigMap V2 = object(2, "12", Map.of("app", "web"));
  private static final ConfigMap V2_RELABELLED = object(2, "13", Map.of("app", "db"));

  @Test
  void generationChangedPassesSpecChangesOnly() {
    EventPredicate<ConfigMap> predicate = EventPredicate.generationChanged();

    assertThat(predicate.test(ResourceEvent.updated(V1, V1_STATUS))).isFalse();
    assertThat(predicate.test(ResourceEvent.updated(V1_STATUS, V2))).isTrue();
    assertThat(predicate.test(ResourceEvent.added(V1, ResourceEvent.Origin.LIVE))).isTrue();
    assertThat(predicate.test(ResourceEvent.deleted(V1))).isTrue();
  }

  @Test
  void labelsAndAnnotationsChangedCompareTheirMaps() {
    assertThat(EventPredicate.<ConfigMap>labelsChanged().test(ResourceEvent.updated(V1, V2)))
        .isFalse();
    assertThat(
            EventPredicate.<ConfigMap>labelsChanged()
                .test(ResourceEvent.updated(V2, V2_RELABELLED)))
        .isTrue();
    assertThat(
            EventPredicate.<ConfigMap>annotationsChanged()
                .test(ResourceEvent.updated(V1, V1_STATUS)))
        .isTrue();
    assertThat(EventPredicate.<ConfigMap>annotationsChanged().test(ResourceEvent.resync(V1)))
        .isFalse();
  }

  @Test
  void resourceVersionChangedDropsResyncs() {
    EventPredicate<ConfigMap> predicate = EventPredicate.resourceVersionChanged();

    assertThat(predicate.test(ResourceEvent.resync(V1))).isFalse();
    assertThat(predicate.test(ResourceEvent.updated(V1, V1_STATUS))).isTrue();
  }

  @Test
  void labelSelectorSeesObjectsEnteringAndLeavingTheSelection() {
    EventPredicate<ConfigMap> web = EventPredicate.labelSelector(LabelSelector.parse("app=web"));

    assertThat(web.test(ResourceEvent.added(V1, ResourceEvent.Origin.INITIAL_LIST))).isTrue();
    assertThat(web.test(ResourceEvent.updated(V2, V2_RELABELLED))).isTrue();
    assertThat(web.test(ResourceEvent.added(V2_RELABELLED, ResourceEvent.Origin.LIVE))).isFalse();
    assertThat(web.test(ResourceEvent.resync(V2_RELABELLED))).isFalse();
  }

  @Test
  void combinesWithAndOrNot() {
    EventPredicate<ConfigMap> generation = EventPredicate.generationChanged();
    EventPredicate<ConfigMap> labels = EventPredicate.labelsChanged();
    ResourceEvent<ConfigMap> statusOnly = ResourceEvent.updated(V1, V1_STATUS);
    ResourceEvent<ConfigMap> relabel = ResourceEvent.updated(V2, V2_RELABELLED);
    ResourceEvent<ConfigMap> specOnly = ResourceEvent.updated(V1_STATUS, V2);

    assertThat(generation.or(labels).test(statusOnly)).isFalse();
    assertThat(generation.or(labels).test(relabel)).isTrue();
    assertThat(generation.and(labels).test(specOnly)).isFalse();
    assertThat(generation.and(labels.negate()).test(specOnly)).isTrue();
    assertThat(EventPredicate.not(generation).test(statusOnly)).isTrue();
    assertThat(EventPredicate.<ConfigMap>and(List.of()).test(statusOnly)).isTrue();
    assertThat(EventPredicate.<ConfigMap>or(List.of()).test(statusOnly)).isFalse();
  }
}

package io.bosun.apiserver.apply;

import static io.bosun.apiserver.apply.TestTypes.ROOT;
import static io.bosun.apiserver.apply.TestTypes.json;
import static io.bosun.apiserver.apply.TestTypes.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.StatusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldManagerTest {
  private final MutableClock clock = new MutableClock();
  private final FieldManager fields =
      new FieldManager(
          ROOT, "example.com/v1", "", FieldFilter.excluding(FieldPath.of("status")), clock);

  private static List<String> owned(ObjectNode object, String manager, String operation) {
    List<String> paths = new ArrayList<>();
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager)
          && entry.path("operation").asText().equals(operation)) {
        FieldsV1.decode(entry.get("fieldsV1")).paths().forEach(p -> paths.add(p.toString()));
      }
    }
    return paths;
  }

  private static StatusException conflict(Runnable apply) {
    try {
      apply.run();
    } catch (StatusException e) {
      return e;
    }
    throw new AssertionError("expected a conflict");
  }

  @Test
  void applyThatCreatesRecordsTheApplierAsKubernetesEncodesIt() {
    ObjectNode created =
        fields.apply(null, widget("replicas: 1\nlabels: {a: '1'}"), "alice", false);

    assertThat(created.path("metadata").path("managedFields"))
        .isEqualTo(
            json(
                "[{'manager':'alice','operation':'Apply','apiVersion':'example.com/v1',"
                    + "'time':'2024-05-01T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
                    + "{'f:spec':{'f:labels':{'f:a':{}},'f:replicas':{}}}}]"));
    assertThat(created.path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void anotherApplierConflictsOnChangedFieldsAndSharesEqualOnes() {
    ObjectNode live = fields.apply(null, widget("replicas: 1\nlabels: {a: '1'}"), "alice", false);

    StatusException e = conflict(() -> fields.apply(live, widget("replicas: 2"), "bob", false));

    assertThat(e.status().code()).isEqualTo(409);
    assertThat(e.status().reason()).isEqualTo("Conflict");
    assertThat(e.status().message())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
    assertThat(e.status().details().causes())
        .containsExactly(FieldError.managerConflict(".spec.replicas", "conflict with \"alice\""));
    assertThat(e.status().toNode().path("details").path("causes").get(0).path("reason").asText())
        .isEqualTo("FieldManagerConflict");

    ObjectNode shared = fields.apply(live, widget("replicas: 1"), "bob", false);
    assertThat(owned(shared, "alice", "Apply")).contains(".spec.replicas");
    assertThat(owned(shared, "bob", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void forceTakesTheConflictingFields() {
    ObjectNode live = fields.apply(null, widget("replicas: 1\nlabels: {a: '1'}"), "alice", false);

    ObjectNode forced = fields.apply(live, widget("replicas: 2"), "bob", true);

    assertThat(forced.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(owned(forced, "alice", "Apply")).containsExactly(".spec.labels.a");
    assertThat(owned(forced, "bob", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void conflictsWithSeveralManagersAreListedByManager() {
    ObjectNode live = fields.apply(null, widget("replicas: 1"), "alice", false);
    ObjectNode edited = live.deepCopy();
    ((ObjectNode) edited.get("spec")).putObject("labels").put("a", "1").put("b", "2");
    fields.update(live, edited, "kubectl-edit");

    StatusException e =
        conflict(
            () -> fields.apply(edited, widget("replicas: 3\nlabels: {a: x, b: y}"), "bob", false));

    assertThat(e.status().message())
        .isEqualTo(
            "Apply failed with 3 conflicts: conflicts with \"alice\":\n- .spec.replicas\n"
                + "conflicts with \"kubectl-edit\" using example.com/v1:\n- .spec.labels.a\n"
                + "- .spec.labels.b");
    assertThat(e.status().details().causes()).hasSize(3);
  }

  @Test
  void fieldsDroppedFromTheConfigurationAreRemovedUnlessAnotherManagerOwnsThem() {
    ObjectNode live =
        fields.apply(
            null,
            widget(
                "labels: {x: '1', y: '2'}\n"
                    + "containers: [{name: web, image: w}, {name: side, image: s}]"),
            "alice",
            false);
    live = fields.apply(live, widget("labels: {y: '2'}"), "bob", false);

    ObjectNode reapplied =
        fields.apply(live, widget("containers: [{name: web, image: w}]"), "alice", false);

    JsonNode spec = reapplied.path("spec");
    assertThat(spec.path("labels")).isEqualTo(json("{'y':'2'}"));
    assertThat(spec.path("containers")).isEqualTo(json("[{'name':'web','image':'w'}]"));
    assertThat(owned(reapplied, "alice", "Apply"))
        .containsExactlyInAnyOrder(
            ".spec.containers[name=\"web\"]",
            ".spec.containers[name=\"web\"].name",
            ".spec.containers[name=\"web\"].image");
    assertThat(owned(reapplied, "bob", "Apply")).containsExactly(".spec.labels.y");
  }

  @Test
  void droppingAWholeStructRemovesIt() {
    ObjectNode live =
        fields.apply(null, widget("replicas: 1\nselector: {matchLabels: {a: b}}"), "alice", false);

    ObjectNode reapplied = fields.apply(live, widget("replicas: 1"), "alice", false);

    assertThat(reapplied.path("spec").has("selector")).isFalse();
    assertThat(reapplied.path("metadata").path("name").asText()).isEqualTo("w");
  }

  @Test
  void anUpdateTakesTheFieldsItChangesFromEveryManager() {
    ObjectNode live = fields.apply(null, widget("replicas: 1\nlabels: {a: '1'}"), "alice", false);
    clock.advance(Duration.ofMinutes(1));
    ObjectNode scaled = live.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 5);

    fields.update(live, scaled, "kubectl-scale");

    assertThat(owned(scaled, "alice", "Apply")).containsExactly(".spec.labels.a");
    assertThat(owned(scaled, "kubectl-scale", "Update")).containsExactly(".spec.replicas");
    assertThat(scaled.path("metadata").path("managedFields").get(1).path("time").asText())
        .isEqualTo("2024-05-01T10:01:00Z");
  }

  @Test
  void updatesOfOneManagerAccumulateInOneEntry() {
    ObjectNode v1 = widget("replicas: 1");
    fields.update(null, v1, "editor");
    ObjectNode v2 = v1.deepCopy();
    ((ObjectNode) v2.get("spec")).putObject("labels").put("a", "1");
    fields.update(v1, v2, "editor");

    assertThat(v2.path("metadata").path("managedFields")).hasSize(1);
    assertThat(owned(v2, "editor", "Update"))
        .containsExactlyInAnyOrder(".spec", ".spec.replicas", ".spec.labels", ".spec.labels.a");
  }

  @Test
  void anUpdateThatChangesNothingLeavesManagedFieldsAlone() {
    ObjectNode v1 = widget("replicas: 1");
    fields.update(null, v1, "editor");
    ObjectNode same = v1.deepCopy();
    clock.advance(Duration.ofHours(1));

    fields.update(v1, same, "someone-else");

    assertThat(same).isEqualTo(v1);
  }

  @Test
  void keepsAtMostTenUpdateEntriesMergingTheOldestIntoAncientChanges() {
    ObjectNode live = widget("replicas: 1");
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(1));
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.get("spec")).with("labels").put("l" + i, "v");
      fields.update(live, next, "writer-" + i);
      live = next;
    }

    List<String> managers = new ArrayList<>();
    live.path("metadata")
        .path("managedFields")
        .forEach(e -> managers.add(e.path("manager").asText()));
    assertThat(managers)
        .hasSize(10)
        .contains("ancient-changes")
        .doesNotContain("writer-0", "writer-1", "writer-2");
    assertThat(owned(live, "ancient-changes", "Update"))
        .contains(".spec.labels.l0", ".spec.labels.l2");
  }

  @Test
  void applyToAnUnmanagedObjectConflictsWithBeforeFirstApply() {
    ObjectNode legacy = widget("replicas: 1");

    StatusException e = conflict(() -> fields.apply(legacy, widget("replicas: 2"), "alice", false));

    assertThat(e.status().message())
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"before-first-apply\" using"
                + " example.com/v1: .spec.replicas");
  }

  @Test
  void aSingleEmptyEntryClearsManagedFieldsAndExplicitEntriesReplaceThem() {
    ObjectNode live = fields.apply(null, widget("replicas: 1"), "alice", false);
    ObjectNode cleared = live.deepCopy();
    ((ObjectNode) cleared.get("metadata")).putArray("managedFields").addObject();

    fields.update(live, cleared, "editor");
    assertThat(cleared.path("metadata").has("managedFields")).isFalse();

    ObjectNode migrated = live.deepCopy();
    ((ObjectNode) migrated.path("metadata").path("managedFields").get(0)).put("manager", "kubectl");
    fields.update(live, migrated, "kubectl-client-side-apply");
    assertThat(owned(migrated, "kubectl", "Apply")).containsExactly(".spec.replicas");
    assertThat(owned(migrated, "alice", "Apply")).isEmpty();
  }

  @Test
  void kubectlTakesOverFieldsItAppliedClientSide() {
    String lastApplied =
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\","
            + "\"namespace\":\"ns\"},\"spec\":{\"replicas\":1}}\n";
    ObjectNode created = widget("replicas: 1");
    ((ObjectNode) created.get("metadata"))
        .putObject("annotations")
        .put(LastApplied.ANNOTATION, lastApplied);
    fields.update(null, created, "kubectl-client-side-apply");

    assertThatThrownBy(() -> fields.apply(created, widget("replicas: 2"), "helm", false))
        .isInstanceOf(StatusException.class);
    ObjectNode applied = fields.apply(created, widget("replicas: 2"), "kubectl", false);

    assertThat(applied.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(owned(applied, "kubectl", "Apply")).containsExactly(".spec.replicas");
    assertThat(applied.path("metadata").path("annotations").path(LastApplied.ANNOTATION).asText())
        .isEqualTo(
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\","
                + "\"namespace\":\"ns\"},\"spec\":{\"replicas\":2}}\n");
  }

  @Test
  void writesToTheMainResourceNeverOwnStatus() {
    ObjectNode config = widget("replicas: 1");
    config.putObject("status").put("ready", 1);

    ObjectNode applied = fields.apply(null, config, "alice", false);

    assertThat(owned(applied, "alice", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void anUpdateWithDuplicateListItemsOwnsTheListWhole() {
    ObjectNode live = fields.apply(null, widget("replicas: 1"), "alice", false);
    ObjectNode duplicated = live.deepCopy();
    ((ObjectNode) duplicated.get("spec")).set("containers", json("[{'name':'a'},{'name':'a'}]"));

    fields.update(live, duplicated, "editor");

    assertThat(owned(duplicated, "editor", "Update")).containsExactly(".spec.containers");
    assertThat(owned(duplicated, "alice", "Apply")).containsExactly(".spec.replicas");
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-05-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

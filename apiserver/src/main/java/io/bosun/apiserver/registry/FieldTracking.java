package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.apply.FieldFilter;
import io.bosun.apiserver.apply.FieldManager;
import io.bosun.apiserver.apply.FieldPath;
import io.bosun.apiserver.apply.MergeType;
import java.time.Clock;

/**
 * How the store keeps {@code metadata.managedFields} for one write: a tracking step runs on the
 * final object, after the strategy, just before it is compared with the stored one and written.
 */
@FunctionalInterface
interface FieldTracking {

  /** Sets the {@code managedFields} of {@code object}, the new state of {@code old} (null: new). */
  void track(ObjectNode old, ObjectNode object);

  /** Records the write as an update by {@code manager}. */
  static FieldTracking update(FieldManager fields, String manager) {
    return (old, object) -> fields.update(old, object, manager);
  }

  /** Keeps the managed fields an apply computed for {@code applied}. */
  static FieldTracking applied(ObjectNode applied) {
    return (old, object) -> {
      JsonNode managed = applied.path("metadata").get("managedFields");
      ObjectNode metadata = (ObjectNode) object.get("metadata");
      if (managed == null) {
        metadata.remove("managedFields");
      } else {
        metadata.set("managedFields", managed);
      }
    };
  }

  /**
   * The field manager of writes through {@code subresource} of {@code type}: the main resource of a
   * kind with {@code /status} owns nothing under {@code .status}, {@code /status} owns only that,
   * and {@code /scale} only the replicas.
   */
  static FieldManager manager(ResourceType type, Subresource subresource, Clock clock) {
    FieldFilter filter =
        switch (subresource) {
          case MAIN ->
              type.hasStatus() ? FieldFilter.excluding(FieldPath.of("status")) : FieldFilter.ALL;
          case STATUS -> FieldFilter.only(FieldPath.of("status"));
          case SCALE -> FieldFilter.only(FieldPath.of("spec", "replicas"));
          case FINALIZE -> FieldFilter.only(FieldPath.of("spec", "finalizers"));
          case BINDING, EVICTION, LOG -> FieldFilter.ALL;
        };
    return new FieldManager(
        MergeType.root(type.schema(), Schemas.OBJECT_META),
        type.apiVersion(),
        subresource.pathName(),
        filter,
        clock);
  }
}

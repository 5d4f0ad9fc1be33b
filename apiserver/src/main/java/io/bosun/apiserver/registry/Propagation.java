package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.core.api.FieldError;
import io.bosun.core.api.Status;
import java.util.List;
import java.util.Optional;

/**
 * How a deletion treats the object's dependents ({@code DeleteOptions.propagationPolicy}): the
 * garbage collector acts on the finalizer each policy leaves on the owner.
 */
public enum Propagation {
  /** Dependents keep living with their owner reference removed: the {@code orphan} finalizer. */
  ORPHAN("Orphan", "orphan"),
  /** The owner goes at once; the garbage collector deletes dependents afterwards. */
  BACKGROUND("Background", null),
  /** The owner stays until its blocking dependents are gone: the {@code foregroundDeletion} one. */
  FOREGROUND("Foreground", "foregroundDeletion");

  private final String wireName;
  private final String finalizer;

  Propagation(String wireName, String finalizer) {
    this.wireName = wireName;
    this.finalizer = finalizer;
  }

  /** The finalizer this policy puts on the object, if any. */
  public Optional<String> finalizer() {
    return Optional.ofNullable(finalizer);
  }

  /** Returns whether {@code name} is one of the garbage collector's finalizers. */
  public static boolean isGarbageCollectorFinalizer(String name) {
    return ORPHAN.finalizer.equals(name) || FOREGROUND.finalizer.equals(name);
  }

  /**
   * Reads {@code propagationPolicy} and the deprecated {@code orphanDependents} of a {@code
   * DeleteOptions}; empty when neither is set. 422 for an unknown policy or both set, as
   * kube-apiserver answers.
   */
  public static Optional<Propagation> parse(JsonNode policy, JsonNode orphanDependents) {
    boolean hasPolicy = policy != null && !policy.isNull() && !policy.asText().isEmpty();
    boolean hasOrphan = orphanDependents != null && !orphanDependents.isNull();
    if (hasPolicy && hasOrphan) {
      throw invalid(
          FieldError.invalid(
              "orphanDependents",
              orphanDependents.asText(),
              "Cannot both set OrphanDependents and PropagationPolicy"));
    }
    if (hasOrphan) {
      return Optional.of(orphanDependents.asBoolean() ? ORPHAN : BACKGROUND);
    }
    if (!hasPolicy) {
      return Optional.empty();
    }
    for (Propagation p : values()) {
      if (p.wireName.equals(policy.asText())) {
        return Optional.of(p);
      }
    }
    throw invalid(
        FieldError.notSupported(
            "propagationPolicy", policy.asText(), List.of("Foreground", "Background", "Orphan")));
  }

  private static RuntimeException invalid(FieldError error) {
    return Status.invalid("", "DeleteOptions", "", List.of(error)).asException();
  }
}

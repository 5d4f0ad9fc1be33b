package io.bosun.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * What one kind adds to the generic store, as k8s.io/apiserver's {@code RESTCreateStrategy} and
 * {@code RESTUpdateStrategy}: defaults and resets before a write, validation that never mutates,
 * and canonicalization last. Metadata rules common to every kind live in the store, not here.
 */
public interface Strategy {

  /** A strategy that adds nothing to the generic rules. */
  Strategy DEFAULT = new Strategy() {};

  /** Sets defaults and clears what a client may not set on create (status, for example). */
  default void prepareForCreate(ObjectNode object) {}

  /** Carries over from {@code old} what an update may not change through this path. */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Returns what is wrong with a new object; must not change it. */
  default List<FieldError> validate(ObjectNode object) {
    return List.of();
  }

  /** Returns what is wrong with an update; must not change either object. */
  default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return validate(object);
  }

  /** Brings a valid object into its canonical form before it is stored. */
  default void canonicalize(ObjectNode object) {}

  /**
   * Seconds the deletion of {@code object} waits before it may be removed, given the grace period a
   * client asked for (null when it asked for none); 0, the default, removes it at once.
   */
  default long gracePeriodSeconds(ObjectNode object, Long requested) {
    return 0;
  }

  /** Changes an object whose deletion starts, as a namespace turns Terminating. */
  default void prepareForDelete(ObjectNode object) {}

  /** Returns whether finalizers of the kind's own (a namespace's spec.finalizers) hold it. */
  default boolean heldByKindFinalizers(ObjectNode object) {
    return false;
  }

  /** Returns whether an update without {@code metadata.resourceVersion} is allowed. */
  default boolean allowUnconditionalUpdate() {
    return true;
  }

  /**
   * The fields of a request body that the kind does not know, as paths such as {@code spec.foo},
   * for {@code fieldValidation}; empty to let the store judge from {@link ResourceType#schema()}'s
   * top level.
   */
  default Optional<List<String>> unknownFields(ObjectNode object) {
    return Optional.empty();
  }

  /** Returns whether {@link #prepareForRead} changes objects; if not, reads skip it. */
  default boolean preparesReads() {
    return false;
  }

  /**
   * Brings a stored object up to date before it is served, as Kubernetes applies a custom
   * resource's current defaults to objects read from storage.
   */
  default void prepareForRead(ObjectNode object) {}

  /**
   * The finalizer a delete request adds before the object goes: the store then only marks the
   * object (deletionTimestamp and this finalizer) and deletes it once its finalizers are gone.
   * Null, the default, deletes at once.
   */
  default String deletionFinalizer() {
    return null;
  }
}

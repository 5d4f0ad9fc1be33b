package io.bosun.controller.predicate;

import io.bosun.controller.source.ResourceEvent;
import io.bosun.core.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides whether an event should reach the reconciler. The "changed" predicates judge updates
 * only: they let every add and delete through, and an update only when the named part of the object
 * differs between its old and new states.
 */
@FunctionalInterface
public interface EventPredicate<T extends HasMetadata> {

  /** Whether {@code event} should be reconciled. */
  boolean test(ResourceEvent<? extends T> event);

  /** Lets an event through only if this and {@code other} both do. */
  default EventPredicate<T> and(EventPredicate<? super T> other) {
    return and(List.of(this, other));
  }

  /** Lets an event through if this or {@code other} does. */
  default EventPredicate<T> or(EventPredicate<? super T> other) {
    return or(List.of(this, other));
  }

  /** Lets an event through only if this does not. */
  default EventPredicate<T> negate() {
    return not(this);
  }

  /** Lets every event through. */
  static <T extends HasMetadata> EventPredicate<T> always() {
    return event -> true;
  }

  /**
   * Updates where {@code metadata.generation} changed: spec changes, not status or metadata ones.
   * Kinds without a generation (ConfigMap, Secret, ...) never pass an update.
   */
  static <T extends HasMetadata> EventPredicate<T> generationChanged() {
    return changed(ObjectMeta::getGeneration);
  }

  /** Updates where the labels changed. */
  static <T extends HasMetadata> EventPredicate<T> labelsChanged() {
    return changed(meta -> orEmpty(meta.getLabels()));
  }

  /** Updates where the annotations changed. */
  static <T extends HasMetadata> EventPredicate<T> annotationsChanged() {
    return changed(meta -> orEmpty(meta.getAnnotations()));
  }

  /** Updates where {@code metadata.resourceVersion} changed; drops resyncs, which change none. */
  static <T extends HasMetadata> EventPredicate<T> resourceVersionChanged() {
    return changed(ObjectMeta::getResourceVersion);
  }

  /**
   * Events whose object's labels match {@code selector}; for an update, the old or the new state,
   * so that an object leaving the selection is seen leaving.
   */
  static <T extends HasMetadata> EventPredicate<T> labelSelector(LabelSelector selector) {
    Objects.requireNonNull(selector, "selector");
    return event ->
        selector.matches(orEmpty(metadata(event.object()).getLabels()))
            || event
                .previous()
                .map(old -> selector.matches(orEmpty(metadata(old).getLabels())))
                .orElse(false);
  }

  /** Events every one of {@code predicates} lets through; all events when the list is empty. */
  static <T extends HasMetadata> EventPredicate<T> and(
      List<? extends EventPredicate<? super T>> predicates) {
    List<? extends EventPredicate<? super T>> all = List.copyOf(predicates);
    return event -> all.stream().allMatch(predicate -> predicate.test(event));
  }

  /** Events at least one of {@code predicates} lets through; none when the list is empty. */
  static <T extends HasMetadata> EventPredicate<T> or(
      List<? extends EventPredicate<? super T>> predicates) {
    List<? extends EventPredicate<? super T>> any = List.copyOf(predicates);
    return event -> any.stream().anyMatch(predicate -> predicate.test(event));
  }

  /** Events {@code predicate} does not let through. */
  static <T extends HasMetadata> EventPredicate<T> not(EventPredicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return event -> !predicate.test(event);
  }

  /** Updates where {@code part} of the metadata differs; every other event passes. */
  private static <T extends HasMetadata> EventPredicate<T> changed(
      Function<ObjectMeta, Object> part) {
    return event ->
        event
            .previous()
            .map(
                old ->
                    !Objects.equals(
                        part.apply(metadata(old)), part.apply(metadata(event.object()))))
            .orElse(true);
  }

  private static ObjectMeta metadata(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return meta == null ? new ObjectMeta() : meta;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}

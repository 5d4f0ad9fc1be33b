package io.bosun.apiserver.storage;

import io.bosun.core.selector.FieldSelector;
import io.bosun.core.selector.LabelSelector;
import java.util.Map;
import java.util.Objects;

/**
 * Which objects of a resource a list or watch returns: a namespace (null for all namespaces), a
 * label selector and a field selector. Storage evaluates {@code metadata.name} and {@code
 * metadata.namespace} field requirements itself; other field paths are evaluated on the document as
 * JSON paths ({@code spec.nodeName} is {@code value->'spec'->>'nodeName'}).
 */
public record Selection(String namespace, LabelSelector labels, FieldSelector fields) {

  /** Every object of the resource. */
  public static final Selection ALL =
      new Selection(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING);

  public Selection {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(fields, "fields");
  }

  /** Every object in one namespace (or all, when {@code namespace} is null). */
  public static Selection namespace(String namespace) {
    return new Selection(namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING);
  }

  /** Returns whether an object's namespace, name, labels and fields pass this selection. */
  public boolean matches(ObjectKey key, String json) {
    return matches(key, json, null);
  }

  /**
   * Returns whether an object passes this selection, given its labels when the caller has them
   * already (null: read them from {@code json}).
   */
  public boolean matches(ObjectKey key, String json, Map<String, String> knownLabels) {
    if (namespace != null && !namespace.equals(key.namespace())) {
      return false;
    }
    if (!labels.isEmpty()
        && !labels.matches(knownLabels != null ? knownLabels : Documents.labels(json))) {
      return false;
    }
    if (!fields.isEmpty()) {
      for (FieldSelector.Requirement requirement : fields.requirements()) {
        String actual =
            switch (requirement.path()) {
              case "metadata.name" -> key.name();
              case "metadata.namespace" -> key.namespace();
              default -> Documents.field(json, requirement.path());
            };
        if (!requirement.matches(actual)) {
          return false;
        }
      }
    }
    return true;
  }
}

package io.bosun.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.bosun.apiserver.apply.MergeType.ListOf;
import io.bosun.apiserver.apply.MergeType.Struct;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The fields a value sets, as Kubernetes counts them for ownership: every scalar and atomic value,
 * every item of a set or map-type list, every map key, and empty or null objects; a struct's
 * declared fields are implied by what they hold and are not members themselves.
 */
final class Fields {
  private Fields() {}

  /**
   * The fields {@code value} sets.
   *
   * @throws InvalidObjectException if a list item cannot be named
   */
  static FieldSet of(MergeType type, JsonNode value) {
    FieldSet.Builder set = new FieldSet.Builder();
    walk(type, value, FieldPath.ROOT, set);
    return set.build();
  }

  private static void walk(MergeType type, JsonNode value, FieldPath path, FieldSet.Builder set) {
    MergeType resolved = type.resolve(value);
    if (resolved instanceof Struct struct && struct.granular() && value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        FieldPath child = path.child(field.getKey());
        JsonNode v = field.getValue();
        walk(struct.field(field.getKey()), v, child, set);
        if (v.isNull() || (v.isObject() && v.isEmpty()) || !struct.declares(field.getKey())) {
          set.add(child);
        }
      }
    } else if (resolved instanceof ListOf list && list.granular() && value.isArray()) {
      List<PathElement> elements = ListItems.elements(list, value, path);
      for (int i = 0; i < elements.size(); i++) {
        FieldPath child = path.child(elements.get(i));
        walk(list.items(), value.get(i), child, set);
        set.add(child);
      }
    } else if (!path.isRoot()) {
      set.add(path);
    }
  }

  /**
   * {@code set} plus the declared struct fields above its members: removing {@code .spec.a.b} from
   * an applied configuration makes {@code .spec.a} a candidate for removal too, as Kubernetes'
   * {@code EnsureNamedFieldsAreMembers} does.
   */
  static FieldSet withNamedParents(MergeType root, FieldSet set) {
    FieldSet.Builder result = new FieldSet.Builder().addAll(set);
    for (FieldPath path : set.paths()) {
      MergeType type = root;
      for (int i = 0; i < path.size(); i++) {
        PathElement element = path.elements().get(i);
        if (element instanceof PathElement.Field field) {
          if (type instanceof Struct struct) {
            if (struct.declares(field.name()) && i < path.size() - 1) {
              result.add(path.prefix(i + 1));
            }
            type = struct.field(field.name());
          } else {
            type = MergeType.UNTYPED;
          }
        } else {
          type = type instanceof ListOf list ? list.items() : MergeType.UNTYPED;
        }
      }
    }
    return result.build();
  }
}

package io.bosun.apiserver.registry.crd.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.bosun.apiserver.registry.crd.schema.Paths;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@code x-kubernetes-validations} rules of a custom resource's schema on an object, as
 * kube-apiserver does on create and update: each rule on every value of its node, {@code oldSelf}
 * the correlated old value (transition rules run only where one exists, unless {@code
 * optionalOldSelf}), and a failing rule reported as a field error with its message.
 */
public final class CelValidator {
  /** The path Kubernetes prints for the root of an object, which has no field name. */
  static final String ROOT = "<nil>";

  private final Node root;

  private CelValidator(Node root) {
    this.root = root;
  }

  /** Compiles the rules of a resource's schema; rules that do not compile are left out. */
  public static CelValidator of(Structural schema) {
    return new CelValidator(Node.of(schema, true));
  }

  /** Returns whether the schema has no rules at all. */
  public boolean isEmpty() {
    return root == null;
  }

  /** Returns the rules {@code object} breaks; {@code old} is the stored object of an update. */
  public List<FieldError> validate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    if (root != null) {
      root.validate(object, old, "", errors);
    }
    return errors;
  }

  /** A schema node with rules of its own or below it. */
  private static final class Node {
    final Structural schema;
    final boolean resourceRoot;
    final List<CompiledRule> rules;
    final Map<String, Node> properties = new LinkedHashMap<>();
    Node values;
    Node items;

    private Node(Structural schema, boolean resourceRoot) {
      this.schema = schema;
      this.resourceRoot = resourceRoot;
      this.rules =
          schema.rules().isEmpty()
              ? List.of()
              : CompiledRule.compile(schema, resourceRoot).stream()
                  .filter(r -> r.error() == null)
                  .toList();
    }

    static Node of(Structural schema, boolean resourceRoot) {
      if (schema == null) {
        return null;
      }
      Node node = new Node(schema, resourceRoot);
      boolean any = !node.rules.isEmpty();
      for (Map.Entry<String, Structural> p : schema.properties().entrySet()) {
        Node child = of(p.getValue(), p.getValue().embeddedResource());
        if (child != null) {
          node.properties.put(p.getKey(), child);
          any = true;
        }
      }
      Structural values = schema.additionalProperties();
      node.values = values == null ? null : of(values, values.embeddedResource());
      Structural items = schema.items();
      node.items = items == null ? null : of(items, items.embeddedResource());
      return any || node.values != null || node.items != null ? node : null;
    }

    void validate(JsonNode value, JsonNode old, String path, List<FieldError> errors) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        return;
      }
      if (!rules.isEmpty()) {
        evaluate(value, old, path, errors);
      }
      if (value.isObject()) {
        for (Map.Entry<String, Node> p : properties.entrySet()) {
          JsonNode oldChild = old != null && old.isObject() ? old.get(p.getKey()) : null;
          p.getValue()
              .validate(value.get(p.getKey()), oldChild, Paths.child(path, p.getKey()), errors);
        }
        if (this.values != null) {
          boolean correlated = old != null && old.isObject() && !schema.mapType().equals("atomic");
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            this.values.validate(
                e.getValue(),
                correlated ? old.get(e.getKey()) : null,
                Paths.child(path, e.getKey()),
                errors);
          }
        }
      } else if (value.isArray() && items != null) {
        Map<JsonNode, JsonNode> oldByKey = oldItemsByKey(old);
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          items.validate(item, oldByKey.get(key(item)), Paths.index(path, i), errors);
        }
      }
    }

    /** The old items of a map list by their keys; nothing for other lists. */
    private Map<JsonNode, JsonNode> oldItemsByKey(JsonNode old) {
      Map<JsonNode, JsonNode> byKey = new HashMap<>();
      if (old != null && old.isArray() && schema.listType().equals("map")) {
        old.forEach(item -> byKey.put(key(item), item));
      }
      return byKey;
    }

    private JsonNode key(JsonNode item) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      for (String k : schema.listMapKeys()) {
        JsonNode part = item.get(k);
        if (part != null) {
          key.set(k, part);
        }
      }
      return key;
    }

    private void evaluate(JsonNode value, JsonNode old, String path, List<FieldError> errors) {
      Object self = CelValues.of(value, schema, resourceRoot);
      Object oldSelf = old == null ? null : CelValues.of(old, schema, resourceRoot);
      for (CompiledRule rule : rules) {
        boolean optional = Boolean.TRUE.equals(rule.rule().optionalOldSelf());
        if (rule.usesOldSelf() && oldSelf == null && !optional) {
          continue;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", self);
        if (rule.usesOldSelf()) {
          variables.put("oldSelf", optional ? Optional.ofNullable(oldSelf) : oldSelf);
        }
        RuleErrors.report(rule, variables, schema, path, errors);
      }
    }
  }

  /** Evaluates a program with Kubernetes' per-call cost limit. */
  static Object run(CelRuntime.Program program, Map<String, Object> variables)
      throws CelEvaluationException {
    long[] steps = {0};
    return program.trace(
        variables,
        (expr, result) -> {
          if (++steps[0] > CelEnvironment.PER_CALL_LIMIT) {
            throw new CostLimitExceeded();
          }
        });
  }

  /** Thrown to stop an evaluation that ran out of its cost budget. */
  static final class CostLimitExceeded extends RuntimeException {
    CostLimitExceeded() {
      super("operation cancelled: actual cost limit exceeded", null, false, false);
    }
  }
}

package io.bosun.apiserver.registry.crd.cel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.crd.schema.Paths;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.apiserver.registry.crd.schema.ValidationRule;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the {@code x-kubernetes-validations} rules of a CustomResourceDefinition's schema when it
 * is written, as kube-apiserver does: each rule must compile to a bool, its message expression to a
 * string, transition rules may only sit where old and new values correlate, and the estimated cost
 * of a rule (times how often it can run per request) and of all rules together must stay within
 * Kubernetes' budgets.
 */
public final class CelCheck {
  /** The largest estimated cost of one rule ({@code StaticEstimatedCostLimit}). */
  public static final long RULE_COST_LIMIT = 10_000_000;

  /** The largest estimated cost of all rules of a schema ({@code StaticEstimatedCRDCostLimit}). */
  public static final long TOTAL_COST_LIMIT = 100_000_000;

  private static final List<String> REASONS =
      List.of(
          "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired");

  private record RuleCost(String path, long cost) {}

  private final List<FieldError> errors = new ArrayList<>();
  private final List<RuleCost> costs = new ArrayList<>();
  private long total;

  private CelCheck() {}

  /** Returns what is wrong with the rules of the schema at {@code path}. */
  public static List<FieldError> check(ObjectNode schema, String path) {
    CelCheck check = new CelCheck();
    check.walk(Structural.of(schema), path, true, 1L, null);
    if (check.total > TOTAL_COST_LIMIT) {
      check.costs.stream()
          .filter(c -> c.cost() >= TOTAL_COST_LIMIT / 100)
          .sorted(Comparator.comparingLong(RuleCost::cost).reversed())
          .limit(4)
          .forEach(
              c ->
                  check.errors.add(
                      FieldError.forbidden(
                          c.path(),
                          "contributed to estimated rule cost total exceeding cost limit for entire"
                              + " OpenAPIv3 schema")));
      check.errors.add(
          FieldError.forbidden(
              path,
              costMessage(
                  "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema",
                  check.total,
                  TOTAL_COST_LIMIT)));
    }
    return check.errors;
  }

  /** Kubernetes' message for an estimated cost over its limit. */
  static String costMessage(String what, long cost, long limit) {
    double factor = (double) cost / limit;
    String text;
    if (factor > 100.0) {
      text = "more than 100x";
    } else if (factor < 1.5) {
      text = String.format(Locale.ROOT, "%fx", factor);
    } else {
      text = String.format(Locale.ROOT, "%.1fx", factor);
    }
    return what
        + " exceeds budget by factor of "
        + text
        + " (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where"
        + " arrays, maps, and strings are declared)";
  }

  /**
   * @param cardinality how often a value of {@code s} can occur per object, or null if unbounded
   * @param uncorrelatable the highest path under which old values cannot be matched to new ones, or
   *     null
   */
  private void walk(
      Structural s, String path, boolean resourceRoot, Long cardinality, String uncorrelatable) {
    if (!s.rules().isEmpty()) {
      rules(s, path, resourceRoot, cardinality, uncorrelatable);
    }
    String correlation =
        !s.mapType().equals("atomic") || uncorrelatable != null ? uncorrelatable : path;
    for (Map.Entry<String, Structural> p : s.properties().entrySet()) {
      Structural child = p.getValue();
      walk(
          child,
          Paths.key(Paths.child(path, "properties"), p.getKey()),
          child.embeddedResource(),
          cardinality,
          correlation);
    }
    if (s.additionalProperties() != null) {
      Structural child = s.additionalProperties();
      walk(
          child,
          Paths.child(path, "additionalProperties"),
          child.embeddedResource(),
          times(cardinality, s.limit("maxProperties")),
          correlation);
    }
    if (s.items() != null) {
      String items = uncorrelatable != null || s.listType().equals("map") ? uncorrelatable : path;
      walk(
          s.items(),
          Paths.child(path, "items"),
          s.items().embeddedResource(),
          times(cardinality, s.limit("maxItems")),
          items);
    }
  }

  private static Long times(Long cardinality, Long max) {
    if (cardinality == null || max == null) {
      return null;
    }
    long bound = Math.max(0, max);
    return bound != 0 && cardinality > Long.MAX_VALUE / bound
        ? Long.MAX_VALUE
        : cardinality * bound;
  }

  private void rules(
      Structural s, String path, boolean resourceRoot, Long cardinality, String uncorrelatable) {
    String base = Paths.child(path, "x-kubernetes-validations");
    int before = errors.size();
    for (int i = 0; i < s.rules().size(); i++) {
      shape(s, s.rules().get(i), Paths.index(base, i));
    }
    if (errors.size() > before) {
      return;
    }
    List<CompiledRule> compiled = CompiledRule.compile(s, resourceRoot);
    long times = cardinality != null ? cardinality : Sizes.maxCardinality(s);
    for (int i = 0; i < compiled.size(); i++) {
      CompiledRule rule = compiled.get(i);
      String rulePath = Paths.child(Paths.index(base, i), "rule");
      long cost = multiply(rule.cost(), times);
      if (cost > RULE_COST_LIMIT) {
        errors.add(
            FieldError.forbidden(
                rulePath, costMessage("estimated rule cost", cost, RULE_COST_LIMIT)));
      }
      observe(rulePath, cost);
      if (rule.error() != null) {
        errors.add(FieldError.invalid(rulePath, new Raw(rule.rule().toString()), rule.error()));
      }
      String messagePath = Paths.child(Paths.index(base, i), "messageExpression");
      if (rule.messageError() != null) {
        errors.add(
            FieldError.invalid(messagePath, new Raw(rule.rule().toString()), rule.messageError()));
      } else if (rule.message() != null) {
        long messageCost = multiply(rule.messageCost(), times);
        if (messageCost > RULE_COST_LIMIT) {
          errors.add(
              FieldError.forbidden(
                  messagePath,
                  costMessage("estimated messageExpression cost", messageCost, RULE_COST_LIMIT)));
        }
        observe(messagePath, messageCost);
      }
      if (rule.error() == null && rule.usesOldSelf() && uncorrelatable != null) {
        errors.add(
            FieldError.invalid(
                rulePath,
                rule.rule().rule(),
                "oldSelf cannot be used on the uncorrelatable portion of the schema within "
                    + uncorrelatable));
      } else if (rule.error() == null
          && !rule.usesOldSelf()
          && rule.rule().optionalOldSelf() != null) {
        errors.add(
            FieldError.invalid(
                Paths.child(Paths.index(base, i), "optionalOldSelf"),
                rule.rule().optionalOldSelf(),
                "may not be set if oldSelf is not used in rule"));
      }
    }
  }

  /** The checks of a rule's fields that need no compiling. */
  private void shape(Structural s, ValidationRule rule, String path) {
    String message = rule.message().trim();
    if (rule.rule().isBlank()) {
      errors.add(FieldError.required(Paths.child(path, "rule"), "rule is not specified"));
    } else if (!rule.message().isEmpty() && message.isEmpty()) {
      errors.add(
          FieldError.invalid(
              Paths.child(path, "message"),
              rule.message(),
              "message must be non-empty if specified"));
    } else if (message.contains("\n") || message.contains("\r")) {
      errors.add(
          FieldError.invalid(
              Paths.child(path, "message"),
              rule.message(),
              "message must not contain line breaks"));
    } else if ((rule.rule().trim().contains("\n") || rule.rule().trim().contains("\r"))
        && message.isEmpty()) {
      errors.add(
          FieldError.required(
              Paths.child(path, "message"),
              "message must be specified if rule contains line breaks"));
    }
    if (!rule.messageExpression().isEmpty() && rule.messageExpression().isBlank()) {
      errors.add(
          FieldError.required(
              Paths.child(path, "messageExpression"),
              "messageExpression must be non-empty if specified"));
    }
    if (rule.reason() != null && !REASONS.contains(rule.reason())) {
      errors.add(FieldError.notSupported(Paths.child(path, "reason"), rule.reason(), REASONS));
    }
    String fieldPath = rule.fieldPath();
    if (!fieldPath.isEmpty()) {
      String field = Paths.child(path, "fieldPath");
      if (fieldPath.isBlank()) {
        errors.add(
            FieldError.invalid(field, fieldPath, "fieldPath must be non-empty if specified"));
      } else if (fieldPath.contains("\n") || fieldPath.contains("\r")) {
        errors.add(FieldError.invalid(field, fieldPath, "fieldPath must not contain line breaks"));
      } else if (RuleFieldPaths.resolve(fieldPath, s) == null) {
        errors.add(FieldError.invalid(field, fieldPath, "fieldPath must be a valid path"));
      }
    }
  }

  private void observe(String path, long cost) {
    total = total > Long.MAX_VALUE - cost ? Long.MAX_VALUE : total + cost;
    costs.add(new RuleCost(path, cost));
  }

  private static long multiply(long cost, long times) {
    if (cost == 0) {
      return 0;
    }
    return Long.MAX_VALUE / cost < times ? Long.MAX_VALUE : cost * times;
  }

  /** A value printed as it is, without quotes, as Kubernetes prints a Go struct. */
  private record Raw(String text) {
    @Override
    public String toString() {
      return text;
    }
  }
}

package io.bosun.apiserver.registry.crd.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelRuntime;
import io.bosun.apiserver.registry.crd.schema.Structural;
import io.bosun.apiserver.registry.crd.schema.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code x-kubernetes-validations} rule compiled for its schema node: the programs of the rule
 * and of its message expression, whether it is a transition rule, and its estimated cost; or why it
 * does not compile.
 *
 * @param error why the rule does not compile, as Kubernetes words it, or null
 * @param messageError why the message expression does not compile, or null
 */
record CompiledRule(
    ValidationRule rule,
    CelRuntime.Program program,
    boolean usesOldSelf,
    long cost,
    CelRuntime.Program message,
    long messageCost,
    String error,
    String messageError) {

  /** Compiles the rules of {@code node}. */
  static List<CompiledRule> compile(Structural node, boolean resourceRoot) {
    CelTypes types = CelTypes.of(node, resourceRoot);
    CelEnvironment plain = CelEnvironment.of(types, false);
    CelEnvironment optional = CelEnvironment.of(types, true);
    List<CompiledRule> compiled = new ArrayList<>();
    for (ValidationRule rule : node.rules()) {
      CelEnvironment env = Boolean.TRUE.equals(rule.optionalOldSelf()) ? optional : plain;
      compiled.add(compile(rule, env, node, resourceRoot));
    }
    return compiled;
  }

  private static CompiledRule compile(
      ValidationRule rule, CelEnvironment env, Structural node, boolean resourceRoot) {
    CelValidationResult result = env.compile(rule.rule());
    if (result.hasError()) {
      return failed(rule, "compilation failed: " + result.getErrorString());
    }
    CelAbstractSyntaxTree ast = CelEnvironment.ast(result);
    if (!ast.getResultType().equals(SimpleType.BOOL)
        && !ast.getResultType().equals(SimpleType.DYN)) {
      return failed(rule, "cel expression must evaluate to a bool");
    }
    long cost = CostEstimator.estimate(ast, node, resourceRoot);
    CelRuntime.Program message = null;
    long messageCost = 0;
    String messageError = null;
    if (!rule.messageExpression().isBlank()) {
      CelValidationResult m = env.compile(rule.messageExpression());
      if (m.hasError()) {
        messageError = "messageExpression compilation failed: " + m.getErrorString();
      } else {
        CelAbstractSyntaxTree messageAst = CelEnvironment.ast(m);
        if (!messageAst.getResultType().equals(SimpleType.STRING)) {
          messageError = "must evaluate to a string";
        } else {
          message = CelEnvironment.program(messageAst);
          messageCost = CostEstimator.estimate(messageAst, node, resourceRoot);
        }
      }
    }
    return new CompiledRule(
        rule,
        CelEnvironment.program(ast),
        references(ast.getExpr(), "oldSelf"),
        cost,
        message,
        messageCost,
        null,
        messageError);
  }

  private static CompiledRule failed(ValidationRule rule, String error) {
    return new CompiledRule(rule, null, false, 0, null, 0, error, null);
  }

  private static boolean references(CelExpr expr, String name) {
    return switch (expr.getKind()) {
      case IDENT -> expr.ident().name().equals(name);
      case SELECT -> references(expr.select().operand(), name);
      case CALL ->
          expr.call().target().map(t -> references(t, name)).orElse(false)
              || expr.call().args().stream().anyMatch(a -> references(a, name));
      case LIST -> expr.list().elements().stream().anyMatch(e -> references(e, name));
      case MAP ->
          expr.map().entries().stream()
              .anyMatch(e -> references(e.key(), name) || references(e.value(), name));
      case STRUCT -> expr.struct().entries().stream().anyMatch(e -> references(e.value(), name));
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = expr.comprehension();
        yield references(c.iterRange(), name)
            || references(c.accuInit(), name)
            || references(c.loopCondition(), name)
            || references(c.loopStep(), name)
            || references(c.result(), name);
      }
      default -> false;
    };
  }
}

package io.bosun.apiserver.registry.crd.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.bosun.apiserver.registry.crd.schema.Structural;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Estimates the worst-case cost of a checked CEL expression before it ever runs, after cel-go's
 * static cost model (cel-java has none): reading a variable or field costs 1, a call 1 plus its
 * arguments, string work 0.1 per byte, a regular expression match its string times a quarter of the
 * pattern length, and a comprehension its range's largest size times the cost of one step. Sizes
 * come from the schema ({@link Sizes}), so {@code maxLength}, {@code maxItems} and {@code
 * maxProperties} bound the estimate as they do in Kubernetes.
 */
final class CostEstimator {
  private static final double STRING_TRAVERSAL = 0.1;
  private static final double REGEX_PER_CHAR = 0.25;

  /** The estimate of one expression: its cost, the size of its value, and its schema node. */
  private record Estimate(double cost, double size, Structural node) {
    static Estimate unknown(double cost) {
      return new Estimate(cost, Sizes.MAX_REQUEST_BYTES, null);
    }
  }

  private final Structural self;
  private final Map<String, Estimate> variables = new HashMap<>();

  private CostEstimator(Structural self) {
    this.self = self;
  }

  /** The worst-case cost of {@code ast} with {@code self} a value of {@code node}. */
  static long estimate(CelAbstractSyntaxTree ast, Structural node, boolean resourceRoot) {
    Structural self = resourceRoot ? CelTypes.withResourceMeta(node) : node;
    double cost = new CostEstimator(self).estimate(ast.getExpr()).cost();
    return cost >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(cost);
  }

  private Estimate estimate(CelExpr expr) {
    return switch (expr.getKind()) {
      case CONSTANT -> constant(expr.constant());
      case IDENT -> ident(expr.ident().name());
      case SELECT -> select(expr);
      case LIST -> {
        double cost = 10;
        for (CelExpr e : expr.list().elements()) {
          cost += estimate(e).cost();
        }
        yield new Estimate(cost, expr.list().elements().size(), null);
      }
      case MAP -> {
        double cost = 30;
        for (CelExpr.CelMap.Entry e : expr.map().entries()) {
          cost += estimate(e.key()).cost() + estimate(e.value()).cost();
        }
        yield new Estimate(cost, expr.map().entries().size(), null);
      }
      case STRUCT -> {
        double cost = 40;
        for (CelExpr.CelStruct.Entry e : expr.struct().entries()) {
          cost += estimate(e.value()).cost();
        }
        yield Estimate.unknown(cost);
      }
      case CALL -> call(expr.call());
      case COMPREHENSION -> comprehension(expr.comprehension());
      default -> Estimate.unknown(0);
    };
  }

  private static Estimate constant(CelConstant constant) {
    double size =
        switch (constant.getKind()) {
          case STRING_VALUE -> constant.stringValue().length();
          case BYTES_VALUE -> constant.bytesValue().size();
          default -> 0;
        };
    return new Estimate(0, size, null);
  }

  private Estimate ident(String name) {
    Estimate bound = variables.get(name);
    if (bound != null) {
      return new Estimate(1, bound.size(), bound.node());
    }
    if (name.equals("self") || name.equals("oldSelf")) {
      return new Estimate(1, Sizes.max(self), self);
    }
    return Estimate.unknown(1);
  }

  private Estimate select(CelExpr expr) {
    Estimate operand = estimate(expr.select().operand());
    Structural field = field(operand.node(), expr.select().field());
    return new Estimate(operand.cost() + 1, Sizes.max(field), field);
  }

  private static Structural field(Structural node, String escaped) {
    if (node == null) {
      return null;
    }
    if (node.additionalProperties() != null) {
      return node.additionalProperties();
    }
    for (Map.Entry<String, Structural> p : node.properties().entrySet()) {
      if (escaped.equals(CelNames.escape(p.getKey()))) {
        return p.getValue().embeddedResource()
            ? CelTypes.withResourceMeta(p.getValue())
            : p.getValue();
      }
    }
    return null;
  }

  private static Structural element(Structural node) {
    if (node == null) {
      return null;
    }
    Structural element = node.items() != null ? node.items() : node.additionalProperties();
    return element != null && element.embeddedResource()
        ? CelTypes.withResourceMeta(element)
        : element;
  }

  private Estimate call(CelExpr.CelCall call) {
    List<CelExpr> args =
        call.target().isPresent()
            ? Stream.concat(Stream.of(call.target().get()), call.args().stream()).toList()
            : call.args();
    Estimate[] a = args.stream().map(this::estimate).toArray(Estimate[]::new);
    double argCost = 0;
    for (Estimate e : a) {
      argCost += e.cost();
    }
    String fn = call.function();
    switch (fn) {
      case "_?_:_" -> {
        return new Estimate(
            a[0].cost() + Math.max(a[1].cost(), a[2].cost()),
            Math.max(a[1].size(), a[2].size()),
            null);
      }
      case "_&&_", "_||_", "@not_strictly_false", "!_", "-_", "size", "has" -> {
        return new Estimate(argCost + 1, 0, null);
      }
      case "_[_]" -> {
        Structural element = element(a[0].node());
        return new Estimate(argCost + 1, Sizes.max(element), element);
      }
      case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> {
        return new Estimate(
            argCost + Math.max(1, traverse(Math.min(a[0].size(), a[1].size()))), 0, null);
      }
      case "_+_" -> {
        return new Estimate(
            argCost + Math.max(1, traverse(a[0].size() + a[1].size())),
            a[0].size() + a[1].size(),
            null);
      }
      case "@in" -> {
        return new Estimate(argCost + Math.max(1, a[1].size()), 0, null);
      }
      case "matches" -> {
        double string = Math.ceil(1 + traverse(a[0].size()));
        double regex = Math.max(1, Math.ceil(a[a.length - 1].size() * REGEX_PER_CHAR));
        return new Estimate(argCost + string * regex, 0, null);
      }
      case "find", "findAll" -> {
        double string = Math.ceil(1 + traverse(a[0].size()));
        double regex = Math.max(1, Math.ceil(a[1].size() * REGEX_PER_CHAR));
        return new Estimate(argCost + string * regex, a[0].size(), null);
      }
      case "contains",
          "startsWith",
          "endsWith",
          "lowerAscii",
          "upperAscii",
          "trim",
          "replace",
          "split",
          "substring",
          "charAt",
          "indexOf",
          "lastIndexOf",
          "join",
          "reverse",
          "string",
          "bytes",
          "base64.encode",
          "base64.decode",
          "quote" -> {
        return new Estimate(argCost + Math.max(1, traverse(a[0].size())), a[0].size(), a[0].node());
      }
      case "isSorted",
          "sum",
          "min",
          "max",
          "sets.contains",
          "sets.intersects",
          "sets.equivalent",
          "distinct",
          "flatten",
          "sort",
          "lists.range" -> {
        double size = 0;
        for (Estimate e : a) {
          size = Math.max(size, e.size());
        }
        return new Estimate(argCost + Math.max(1, size), size, element(a[0].node()));
      }
      default -> {
        return new Estimate(argCost + 1, Sizes.MAX_REQUEST_BYTES, null);
      }
    }
  }

  private Estimate comprehension(CelExpr.CelComprehension c) {
    Estimate range = estimate(c.iterRange());
    Estimate init = estimate(c.accuInit());
    Structural element = element(range.node());
    boolean map = range.node() != null && range.node().additionalProperties() != null;
    Estimate item =
        map
            ? Estimate.unknown(0)
            : new Estimate(
                0, element == null ? Sizes.MAX_REQUEST_BYTES : Sizes.max(element), element);
    Estimate previousIter = variables.put(c.iterVar(), item);
    Estimate previousAccu = variables.put(c.accuVar(), new Estimate(0, range.size(), null));
    double step = estimate(c.loopCondition()).cost() + estimate(c.loopStep()).cost();
    Estimate result = estimate(c.result());
    restore(c.iterVar(), previousIter);
    restore(c.accuVar(), previousAccu);
    return new Estimate(
        range.cost() + init.cost() + range.size() * step + result.cost(), range.size(), null);
  }

  private void restore(String name, Estimate previous) {
    if (previous == null) {
      variables.remove(name);
    } else {
      variables.put(name, previous);
    }
  }

  private static double traverse(double size) {
    return Math.ceil(size * STRING_TRAVERSAL);
  }
}

package io.bosun.apiserver.registry.crd.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelRuntimeLibrary;
import java.util.List;

/**
 * The CEL environment of validation rules, close to Kubernetes': the standard library and macros,
 * the strings, sets, math, lists and optional extensions, Kubernetes' list and regex functions,
 * cross-type numeric comparisons, and the variables {@code self} and {@code oldSelf}.
 */
final class CelEnvironment {
  /** The runtime cost Kubernetes allows one rule evaluation ({@code PerCallLimit}). */
  static final long PER_CALL_LIMIT = 1_000_000;

  static final CelOptions OPTIONS =
      CelOptions.current()
          .enableOptionalSyntax(true)
          .enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations((int) PER_CALL_LIMIT)
          .build();

  /** The extension libraries, each both a compiler and a runtime library. */
  private static final List<Object> EXTENSIONS =
      List.of(
          CelExtensions.strings(),
          CelExtensions.optional(),
          CelExtensions.sets(OPTIONS),
          CelExtensions.math(OPTIONS),
          CelExtensions.lists());

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(EXTENSIONS.stream().map(CelRuntimeLibrary.class::cast).toList())
          .addFunctionBindings(KubernetesLibrary.bindings().toArray(CelFunctionBinding[]::new))
          .build();

  private final CelCompiler compiler;

  private CelEnvironment(CelTypes types, boolean optionalOldSelf) {
    CelType self = types.self();
    this.compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(EXTENSIONS.stream().map(CelCompilerLibrary.class::cast).toList())
            .addFunctionDeclarations(
                KubernetesLibrary.declarations().toArray(CelFunctionDecl[]::new))
            .setTypeProvider(types.provider())
            .addVar("self", self)
            .addVar("oldSelf", optionalOldSelf ? OptionalType.create(self) : self)
            .build();
  }

  /** The environment of rules on a node with these types. */
  static CelEnvironment of(CelTypes types, boolean optionalOldSelf) {
    return new CelEnvironment(types, optionalOldSelf);
  }

  /** Parses and type-checks an expression. */
  CelValidationResult compile(String expression) {
    return compiler.compile(expression);
  }

  /** Creates the program of a checked expression. */
  static CelRuntime.Program program(CelAbstractSyntaxTree ast) {
    try {
      return RUNTIME.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("a checked expression did not plan: " + e.getMessage(), e);
    }
  }

  /** The checked AST of a result that has no errors. */
  static CelAbstractSyntaxTree ast(CelValidationResult result) {
    try {
      return result.getAst();
    } catch (CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }
}

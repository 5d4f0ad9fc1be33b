package io.bosun.testkit;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.config.ClusterConfig;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link BosunTest}: starts one Bosun apiserver (with its embedded
 * PostgreSQL, in a temporary directory, on a free port) the first time a test needs it and stops it
 * when the test run ends; gives each test its own {@link KubeClient} and a fresh {@link
 * TestNamespace}, both cleaned up after the test.
 *
 * <p>Resolves parameters of these types: {@link KubeClient}, {@link TestNamespace}, {@link
 * ClusterConfig} and {@link BosunApiServer}.
 */
public final class BosunExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(BosunExtension.class);
  private static final Set<Class<?>> RESOLVED =
      Set.of(KubeClient.class, TestNamespace.class, ClusterConfig.class, BosunApiServer.class);

  /** Called by JUnit only. */
  public BosunExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return RESOLVED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    TestEnvironment environment = environment(context);
    if (type == BosunApiServer.class) {
      return environment.server();
    }
    if (type == ClusterConfig.class) {
      return environment.config();
    }
    PerTest perTest =
        context
            .getStore(STORE)
            .computeIfAbsent(PerTest.class, k -> new PerTest(environment), PerTest.class);
    return type == KubeClient.class ? perTest.client() : perTest.namespace();
  }

  /** The apiserver of this test run, started on first use. */
  static TestEnvironment environment(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .computeIfAbsent(
            TestEnvironment.class, k -> TestEnvironment.start(), TestEnvironment.class);
  }
}

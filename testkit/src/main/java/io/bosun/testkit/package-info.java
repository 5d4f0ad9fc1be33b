/**
 * The test kit: {@link io.bosun.testkit.BosunTest} runs tests against a real Bosun apiserver (the
 * apiserver module's packaged application, a child process on a free port with its embedded
 * PostgreSQL), started once per test run, as envtest does for Go controllers. Each test may take a
 * {@code KubeClient} and a fresh {@link io.bosun.testkit.TestNamespace}; {@link
 * io.bosun.testkit.Await} waits for conditions without sleeping.
 *
 * <pre>{@code
 * @BosunTest
 * class WidgetControllerIT {
 *   @Test
 *   void createsTheConfigMap(KubeClient client, TestNamespace ns) {
 *     var configMaps = client.resources(ConfigMap.class);
 *     // ... start the controller, create a Widget in ns.name() ...
 *     Await.object(configMaps, ns.name(), "widget-config", cm -> cm.getData() != null,
 *         Await.DEFAULT_TIMEOUT);
 *   }
 * }
 * }</pre>
 */
package io.bosun.testkit;

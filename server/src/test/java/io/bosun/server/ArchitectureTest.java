package io.bosun.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependencies pointing the way DESIGN.md says. The server module's test classpath holds
 * every module the server is built from, so their classes are all checked here.
 */
class ArchitectureTest {
  /** Each module's root package. */
  static final Map<String, String> MODULES =
      Map.of(
          "core-api", "io.bosun.core",
          "apiserver", "io.bosun.apiserver",
          "controller-sdk", "io.bosun.controller",
          "testkit", "io.bosun.testkit",
          "builtin-controllers", "io.bosun.controllers",
          "node-agent", "io.bosun.agent",
          "server", "io.bosun.server");

  static JavaClasses classes;

  @BeforeAll
  static void importBosun() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bosun");
  }

  @Test
  void seesTheClassesOfTheModulesItChecks() {
    // Without this, a classpath that lost a module would make every rule below pass vacuously.
    assertThat(classes.stream().map(JavaClass::getPackageName))
        .anyMatch(p -> p.startsWith("io.bosun.core"))
        .anyMatch(p -> p.startsWith("io.bosun.apiserver.storage"))
        .anyMatch(p -> p.startsWith("io.bosun.apiserver.endpoints"))
        .anyMatch(p -> p.startsWith("io.bosun.controller."))
        .anyMatch(p -> p.startsWith("io.bosun.server"));
  }

  @Test
  void apiserverNeverImportsControllersTheAgentOrTheServer() {
    noClasses()
        .that()
        .resideInAPackage("io.bosun.apiserver..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.bosun.controller..",
            "io.bosun.controllers..",
            "io.bosun.agent..",
            "io.bosun.testkit..",
            "io.bosun.server..")
        .check(classes);
  }

  @Test
  void storageKnowsNothingOfRegistryEndpointsJaxRsOrQuarkus() {
    noClasses()
        .that()
        .resideInAPackage("io.bosun.apiserver.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.bosun.apiserver.registry..",
            "io.bosun.apiserver.endpoints..",
            "io.bosun.apiserver.wiring..",
            "io.bosun.apiserver.boot..",
            "jakarta.ws.rs..",
            "io.quarkus..")
        .check(classes);
  }

  @Test
  void registryNeverImportsEndpointsOrJaxRs() {
    noClasses()
        .that()
        .resideInAPackage("io.bosun.apiserver.registry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.bosun.apiserver.endpoints..", "jakarta.ws.rs..", "io.quarkus..")
        .check(classes);
  }

  @Test
  void coreApiDependsOnNoOtherBosunModule() {
    noClasses()
        .that()
        .resideInAPackage("io.bosun.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            MODULES.entrySet().stream()
                .filter(module -> !module.getKey().equals("core-api"))
                .map(module -> module.getValue() + "..")
                .toArray(String[]::new))
        .check(classes);
  }

  @Test
  void controllerSdkDependsOnlyOnCoreApi() {
    noClasses()
        .that()
        .resideInAPackage("io.bosun.controller..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.bosun.apiserver..",
            "io.bosun.controllers..",
            "io.bosun.agent..",
            "io.bosun.testkit..",
            "io.bosun.server..")
        .check(classes);
  }

  @Test
  void noModuleImportsAnotherModulesInternalPackages() {
    MODULES.forEach(
        (module, root) ->
            noClasses()
                .that()
                .resideOutsideOfPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + "..internal..")
                .as("no class outside " + module + " uses " + root + "..internal..")
                .allowEmptyShould(true)
                .check(classes));
  }
}

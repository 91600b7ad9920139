package org.geohazard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The modules' dependency diagram (README, "Modules") has no arrow back up: each module's production classes use
 * only the modules below it. Maven already refuses a cycle between modules; this keeps a module from reaching one it
 * does not declare through another's dependencies, and names the offending class when it does.
 */
@Tag("unit")
class ModuleLayeringTest {
  /** The modules' packages, lowest first; each may use only those before it (and not all of them: see below). */
  private static final List<String> LAYERS = List.of(
      "org.geohazard.domain..",
      "org.geohazard.lifecycle..",
      "org.geohazard.storage..",
      "org.geohazard.registry..",
      "org.geohazard.telemetry..",
      "org.geohazard.alerts..",
      "org.geohazard.api..",
      "org.geohazard.app..",
      "org.geohazard.devstack..");
  /** The types of the warning engine's internals that its façade hands out. */
  private static final List<String> ALERTS_EXPORTED = List.of(
      "org.geohazard.alerts.rules.RuleDefinition",
      "org.geohazard.alerts.rules.Combination",
      "org.geohazard.alerts.rules.RuleException",
      "org.geohazard.alerts.lifecycle.Answers$Outcome",
      "org.geohazard.alerts.help.HelpRequests",
      "org.geohazard.alerts.help.HelpRequest",
      "org.geohazard.alerts.cap.CapWriter",
      "org.geohazard.alerts.cap.CapMessage");
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")) // the modules' test jars
        .importPackages("org.geohazard");
  }

  @Test
  void noModuleUsesOneAboveIt() {
    for (int layer = 0; layer < LAYERS.size(); layer++) {
      String[] above = LAYERS.subList(layer + 1, LAYERS.size()).toArray(String[]::new);
      if (above.length > 0) {
        noClasses().that().resideInAPackage(LAYERS.get(layer))
            .should().dependOnClassesThat().resideInAnyPackage(above)
            .check(production);
      }
    }
  }

  /** The MQTT adapter feeds telemetry, beside the warning engine and the API, under the node that wires them. */
  @Test
  void theGatewayUsesTelemetryAndWhatItStandsOn() {
    noClasses().that().resideInAPackage("org.geohazard.gateway..")
        .should().dependOnClassesThat().resideInAnyPackage("org.geohazard.alerts..", "org.geohazard.api..",
            "org.geohazard.app..", "org.geohazard.devstack..")
        .check(production);
    noClasses().that().resideInAnyPackage("org.geohazard.domain..", "org.geohazard.lifecycle..",
            "org.geohazard.storage..", "org.geohazard.registry..", "org.geohazard.telemetry..",
            "org.geohazard.alerts..", "org.geohazard.api..")
        .should().dependOnClassesThat().resideInAPackage("org.geohazard.gateway..")
        .check(production);
  }

  /** The warning engine reads what telemetry stored from the database; it needs none of telemetry's classes. */
  @Test
  void theWarningEngineStandsBesideTelemetry() {
    noClasses().that().resideInAPackage("org.geohazard.alerts..")
        .should().dependOnClassesThat().resideInAPackage("org.geohazard.telemetry..")
        .check(production);
  }

  /**
   * Other modules use the warning engine through its façade: the package {@code org.geohazard.alerts} (the engine's
   * lifecycle, actions, rules and roster), its settings ({@code alerts.config}) and the few types those hand out.
   * Everything else of the module is its own.
   */
  @Test
  void theWarningEngineIsUsedThroughItsFacade() {
    DescribedPredicate<JavaClass> internal = new DescribedPredicate<>("internal to the warning engine") {
      @Override
      public boolean test(JavaClass type) {
        String name = type.getName();
        return type.getPackageName().startsWith("org.geohazard.alerts.")
            && !type.getPackageName().equals("org.geohazard.alerts.config")
            && ALERTS_EXPORTED.stream().noneMatch(exported -> name.equals(exported) || name.startsWith(exported + "$"));
      }
    };
    noClasses().that().resideOutsideOfPackage("org.geohazard.alerts..")
        .should().dependOnClassesThat(internal)
        .check(production);
  }

  /** What everything builds on stands alone: no module's types in the domain or the lifecycle of background work. */
  @Test
  void theFoundationsUseNoModule() {
    noClasses().that().resideInAnyPackage("org.geohazard.domain..", "org.geohazard.lifecycle..")
        .should().dependOnClassesThat().resideInAnyPackage("org.geohazard.storage..", "org.geohazard.registry..",
            "org.geohazard.telemetry..", "org.geohazard.alerts..", "org.geohazard.api..", "org.geohazard.app..",
            "org.geohazard.devstack..", "org.geohazard.gateway..")
        .check(production);
  }
}

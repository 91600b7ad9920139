package org.geohazard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

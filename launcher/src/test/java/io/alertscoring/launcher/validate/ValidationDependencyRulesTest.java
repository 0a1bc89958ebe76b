package io.alertscoring.launcher.validate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The metrics are plain JDK code (training uses them too); the validation module reads stored
 * outputs and never pulls in the job, the API, Flink, Javalin or Kafka.
 */
class ValidationDependencyRulesTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.alertscoring.core.metrics", "io.alertscoring.validation");

  @Test
  void metricsDependOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("io.alertscoring.core.metrics..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.alertscoring.core.metrics..")
        .check(CLASSES);
  }

  @Test
  void validationStaysOutOfTheJobAndTheApi() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.validation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "io.javalin..",
            "org.apache.kafka..",
            "io.alertscoring.job..",
            "io.alertscoring.api..",
            "io.alertscoring.infra..",
            "io.alertscoring.launcher..")
        .check(CLASSES);
  }
}

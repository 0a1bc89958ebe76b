package io.alertscoring.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction visible: data contracts know no framework, the maths knows no
 * Flink or Javalin, the API never pulls in Flink, and the job never pulls in the API.
 */
class DependencyRulesTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.alertscoring");

  @Test
  void schemasDependOnNoFrameworkAndNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.schemas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "io.javalin..",
            "io.github.metarank..",
            "ml.dmlc..",
            "org.apache.kafka..",
            "io.alertscoring.core..",
            "io.alertscoring.job..",
            "io.alertscoring.api..",
            "io.alertscoring.infra..",
            "io.alertscoring.launcher..")
        .check(CLASSES);
  }

  @Test
  void coreHasNoFlinkNoJavalinNoKafka() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "io.javalin..",
            "org.apache.kafka..",
            "io.alertscoring.job..",
            "io.alertscoring.api..",
            "io.alertscoring.launcher..")
        .check(CLASSES);
  }

  @Test
  void queryApiNeverDependsOnFlinkOrTheJob() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..", "io.alertscoring.job..", "io.alertscoring.launcher..")
        .check(CLASSES);
  }

  @Test
  void jobDoesNotDependOnTheApiAndItsLogicHasNoFlink() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "io.alertscoring.api..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.job.logic..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.flink..")
        .check(CLASSES);
  }

  @Test
  void webhooksHaveNoFlinkNoJavalinAndKnowNeitherTheJobNorTheApi() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.webhooks..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "io.javalin..",
            "io.alertscoring.job..",
            "io.alertscoring.api..",
            "io.alertscoring.launcher..")
        .check(CLASSES);
  }

  @Test
  void theClusterHarnessTalksToFlinkOnlyOverRestAndItsCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.infra..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "io.alertscoring.job..")
        .check(CLASSES);
  }

  @Test
  void theMetricsReporterNeedsOnlyFlinksMetricsApi() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("io.alertscoring.metrics..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.alertscoring.metrics..", "org.apache.flink.metrics..", "java..", "com.sun.net..")
        .check(CLASSES);
  }
}

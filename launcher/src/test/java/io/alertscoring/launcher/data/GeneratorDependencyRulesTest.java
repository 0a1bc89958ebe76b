package io.alertscoring.launcher.data;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The generator stays a plain library over the data contracts: no Flink, no Kafka, no JDBC, no
 * other module but {@code schemas}, so it can run anywhere (a laptop, a training job) without the
 * streaming stack.
 */
class GeneratorDependencyRulesTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.alertscoring.generator");

  @Test
  void generatorDependsOnSchemasOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.alertscoring.generator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.flink..",
            "org.apache.kafka..",
            "io.javalin..",
            "java.sql..",
            "ru.yandex..",
            "io.alertscoring.core..",
            "io.alertscoring.job..",
            "io.alertscoring.api..",
            "io.alertscoring.infra..",
            "io.alertscoring.launcher..")
        .check(CLASSES);
  }
}

package io.alertscoring.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lib/} of a Flink 2.0 distribution as a classpath: the jars of the {@code
 * flink-cluster} module ({@code flink-runtime}, {@code flink-clients}, {@code flink-runtime-web},
 * {@code flink-statebackend-rocksdb}, a log4j2 binding and their dependencies, all from Maven),
 * listed in its {@code target/flink-classpath.txt}. {@code flink-dist} is not served here; these
 * artifacts hold the same entry points.
 *
 * @param classpath the jars, separated by the path separator
 * @param source the file the classpath was read from, for messages
 */
public record FlinkDistribution(String classpath, Path source) {
  /** System property naming the classpath file explicitly. */
  public static final String CLASSPATH_PROPERTY = "alert.scoring.flink.classpath";

  static final String RELATIVE_FILE = "flink-cluster/target/flink-classpath.txt";

  /**
   * Finds the classpath file: {@code -Dalert.scoring.flink.classpath=FILE}, else {@code
   * flink-cluster/target/flink-classpath.txt} under {@code -Dalert.scoring.home}, the working
   * directory or its parent (a module's tests run in the module directory).
   *
   * @throws IllegalStateException with the command that writes the file, when none is found
   */
  public static FlinkDistribution locate() {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getProperty(CLASSPATH_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(Path.of(explicit));
    } else {
      String home = System.getProperty("alert.scoring.home");
      if (home != null && !home.isBlank()) {
        candidates.add(Path.of(home, RELATIVE_FILE));
      }
      Path cwd = Path.of("").toAbsolutePath();
      candidates.add(cwd.resolve(RELATIVE_FILE));
      if (cwd.getParent() != null) {
        candidates.add(cwd.getParent().resolve(RELATIVE_FILE));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return read(candidate);
      }
    }
    throw new IllegalStateException(
        "no Flink distribution classpath at "
            + candidates
            + ": build it with ./mvnw -B -pl flink-cluster install (or set -D"
            + CLASSPATH_PROPERTY
            + "=FILE)");
  }

  static FlinkDistribution read(Path file) {
    try {
      String classpath = Files.readString(file).strip();
      for (String jar : classpath.split(java.io.File.pathSeparator)) {
        // a jar, or the classes directory of a module built in the same reactor without packaging
        if (!Files.exists(Path.of(jar))) {
          throw new IllegalStateException(
              "Flink distribution jar " + jar + " listed in " + file + " is missing");
        }
      }
      return new FlinkDistribution(classpath, file.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}

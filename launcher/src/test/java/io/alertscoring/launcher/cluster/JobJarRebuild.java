package io.alertscoring.launcher.cluster;

import io.alertscoring.infra.FlinkDistribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A new build of the job jar with one operator's body changed and nothing else: the source of
 * {@code DecodeFunction} with one statement added to {@code open()} (a log line carrying {@link
 * #MARKER}), compiled against the built jar and the Flink distribution, its classes swapped into a
 * copy of the jar. The uids are untouched, so a savepoint of the old build restores into the new.
 */
final class JobJarRebuild {
  static final String MARKER = "decode-and-validate rebuilt for the upgrade test";
  static final String SOURCE =
      "scoring-job/src/main/java/io/alertscoring/job/functions/DecodeFunction.java";
  static final String ANCHOR = "  public void open(OpenContext openContext) {\n";

  private JobJarRebuild() {}

  static Path rebuild(Path jar, Path repositoryRoot, Path workDir) throws IOException {
    String source = Files.readString(repositoryRoot.resolve(SOURCE));
    if (!source.contains(ANCHOR)) {
      throw new IllegalStateException(SOURCE + " has no '" + ANCHOR.strip() + "' to change");
    }
    String changed =
        source.replace(
            ANCHOR,
            ANCHOR
                + "    org.slf4j.LoggerFactory.getLogger(DecodeFunction.class).info(\""
                + MARKER
                + "\");\n");
    Path src = workDir.resolve("src/io/alertscoring/job/functions/DecodeFunction.java");
    Path classes = workDir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, changed);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String classpath = jar + java.io.File.pathSeparator + FlinkDistribution.locate().classpath();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            classpath,
            "--release",
            "17",
            src.toString());
    if (status != 0) {
      throw new IllegalStateException("javac of the changed DecodeFunction failed: " + status);
    }
    Map<String, Path> replaced = new HashMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        replaced.put(classes.relativize(f).toString().replace('\\', '/'), f);
      }
    }
    Path out = workDir.resolve("scoring-job-rebuilt.jar");
    try (ZipFile in = new ZipFile(jar.toFile());
        OutputStream os = Files.newOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        zip.putNextEntry(new ZipEntry(e.getName()));
        Path swap = replaced.remove(e.getName());
        if (swap != null) {
          zip.write(Files.readAllBytes(swap));
        } else if (!e.isDirectory()) {
          try (InputStream is = in.getInputStream(e)) {
            is.transferTo(zip);
          }
        }
        zip.closeEntry();
      }
      for (Map.Entry<String, Path> added : replaced.entrySet()) {
        zip.putNextEntry(new ZipEntry(added.getKey()));
        zip.write(Files.readAllBytes(added.getValue()));
        zip.closeEntry();
      }
    }
    return out;
  }
}

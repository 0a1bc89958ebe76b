package io.alertscoring.launcher.data;

import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A broker with the SOT topics, and the replay command run in-process with captured output. */
final class ReplayITSupport {
  private ReplayITSupport() {}

  static EmbeddedKafkaBroker broker() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    List<String> topics = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      topics.add(kind.defaultTopic());
    }
    broker.createTopics(2, topics.toArray(String[]::new));
    return broker;
  }

  record Run(int status, String out, String err) {}

  static Run replay(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ReplayCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path datasets() {
    Path root = Path.of("..", "..", "shared", "datasets").toAbsolutePath().normalize();
    if (!java.nio.file.Files.isDirectory(root)) {
      throw new AssertionError("shared datasets not found at " + root);
    }
    return root;
  }
}

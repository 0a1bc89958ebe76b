package io.alertscoring.infra;

import io.alertscoring.schemas.RecordKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A broker in its own JVM for throughput measurements (so the measured client does not share its
 * heap and JIT with the broker): starts an {@link EmbeddedKafkaBroker} on free ports, creates the
 * SOT topics, writes the bootstrap address to the file given as first argument (and prints it),
 * then runs until killed. Second argument: partitions per topic (default 1).
 *
 * <p>Run with the launcher's runtime classpath plus this module's test classes, e.g. {@code java
 * -cp local-infra/target/test-classes:$(cat launcher/target/runtime-classpath.txt)
 * io.alertscoring.infra.KafkaBrokerMain /tmp/broker.addr}.
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    Path addressFile = Path.of(args.length > 0 ? args[0] : "broker.addr");
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    List<String> topics = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      topics.add(kind.defaultTopic());
    }
    broker.createTopics(partitions, topics.toArray(String[]::new));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    Files.writeString(addressFile, broker.bootstrapServers(), StandardCharsets.UTF_8);
    System.out.println("[broker] " + broker.bootstrapServers() + " (" + broker.dataDir() + ")");
    stopped.await();
  }
}

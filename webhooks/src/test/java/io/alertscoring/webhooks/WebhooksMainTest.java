package io.alertscoring.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksMainTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeFile() throws Exception {
    file = dir.resolve("webhooks.json");
    Files.writeString(
        file,
        "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://127.0.0.1:9/h\",\"secret\":\"k\"}]}");
  }

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = WebhooksMain.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  private String[] valid(String... extra) {
    String[] base = {
      "--bootstrap-servers", "127.0.0.1:9092",
      "--clickhouse-url", "jdbc:clickhouse://127.0.0.1:8123/default?compress=false",
      "--webhooks", file.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void parsesTheOptionsWithDefaults() {
    WebhooksMain.Options o = WebhooksMain.parse(valid());
    DispatcherConfig c = o.config();
    assertThat(c.groupId()).isEqualTo("alert-scoring-webhooks");
    assertThat(c.topic()).isEqualTo("scoring.notifications");
    assertThat(c.deadLetterTopic()).isEqualTo("scoring.webhook_dead_letter");
    assertThat(c.linkBase()).isEqualTo("http://localhost:8000");
    assertThat(c.autoOffsetReset()).isEqualTo("earliest");
    assertThat(o.subscriptions().endpoints()).hasSize(1);

    DispatcherConfig custom =
        WebhooksMain.parse(
                valid(
                    "--group-id",
                    "g2",
                    "--link-base",
                    "https://aml.example.com",
                    "--queue-capacity",
                    "5"))
            .config();
    assertThat(custom.groupId()).isEqualTo("g2");
    assertThat(custom.linkBase()).isEqualTo("https://aml.example.com");
    assertThat(custom.queueCapacity()).isEqualTo(5);
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() throws Exception {
    Files.writeString(dir.resolve("bad.json"), "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"x\"}]}");
    String[][] cases = {
      {},
      {"--bootstrap-servers", "h:1"},
      valid("--no-such-option"),
      valid("--link-base", "not a url"),
      valid("--link-base", "ftp://h"),
      valid("--queue-capacity", "0"),
      valid("--queue-capacity", "many"),
      valid("--auto-offset-reset", "none"),
      valid("--metrics-port", "70000"),
      {"--bootstrap-servers", "h:1", "--clickhouse-url", "http://h", "--webhooks", file.toString()},
      {
        "--bootstrap-servers",
        "h:1",
        "--clickhouse-url",
        "jdbc:clickhouse://h:1/d",
        "--webhooks",
        dir.resolve("missing.json").toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--clickhouse-url",
        "jdbc:clickhouse://h:1/d",
        "--webhooks",
        dir.resolve("bad.json").toString()
      },
    };
    for (String[] args : cases) {
      Result r = run(args);
      assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("webhooks: ");
      assertThat(r.out()).isEmpty();
    }
    assertThat(run(valid("--link-base", "ftp://h")).err()).contains("--link-base");
    assertThat(
            run(
                    "--bootstrap-servers",
                    "h:1",
                    "--clickhouse-url",
                    "jdbc:clickhouse://h:1/d",
                    "--webhooks",
                    dir.resolve("bad.json").toString())
                .err())
        .contains("endpoint \"ops\" (#0): url");
  }

  @Test
  void helpListsTheOptions() {
    Result r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains(
            "--bootstrap-servers", "--clickhouse-url", "--webhooks", "--group-id", "--link-base")
        .contains("$KAFKA_BOOTSTRAP_SERVERS", "$CLICKHOUSE_URL");
  }

  @Test
  void connectionSettingsDefaultToTheEnvironment() {
    java.util.Map<String, String> env =
        java.util.Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka-env:9092",
            "CLICKHOUSE_URL", "jdbc:clickhouse://ch-env:8123/default");
    WebhooksMain.Options fromEnv = WebhooksMain.parse(env::get, "--webhooks", file.toString());
    assertThat(fromEnv.config().bootstrapServers()).isEqualTo("kafka-env:9092");
    assertThat(fromEnv.clickhouseUrl()).isEqualTo("jdbc:clickhouse://ch-env:8123/default");
    WebhooksMain.Options given = WebhooksMain.parse(env::get, valid());
    assertThat(given.config().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhooksMain.parse(k -> null, "--webhooks", file.toString()))
        .hasMessageContaining("--bootstrap-servers");
  }
}

package io.alertscoring.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} and the two Dockerfiles, checked without a Docker engine (there is
 * none on this project's machines): {@code docker-compose config} accepts the file, and the file
 * agrees with the code — the Flink cluster configuration of {@link FlinkClusterConfig#shared}, the
 * job's command-line options, the ports, the topics — and the images are multi-stage, the API one
 * with a HEALTHCHECK and a non-root user.
 */
class DockerComposeITCase {

  private static final Path ROOT = repositoryRoot();
  private static final Path COMPOSE = ROOT.resolve("docker/compose.yaml");
  private static final Path JOB_DOCKERFILE = ROOT.resolve("docker/scoring-job.Dockerfile");
  private static final Path API_DOCKERFILE = ROOT.resolve("docker/query-api.Dockerfile");

  private static final List<String> SERVICES =
      List.of(
          "kafka", "kafka-topics", "clickhouse", "jobmanager", "taskmanager", "job-submit", "api");

  /** The cluster compose runs: the harness's default one ({@code FlinkCluster.Settings}). */
  private static final Map<String, String> SHARED = FlinkClusterConfig.shared("1024m", "2048m", 2);

  /**
   * Keys of {@link #SHARED} that compose does not pass. {@code env.java.opts.all}: the Flink
   * image's entrypoint deletes every whitespace character of a FLINK_PROPERTIES line ({@code tr -d
   * '[:space:]'}), so its 20 space-separated JVM options would reach config.yaml glued into one
   * broken option; the image's own conf/config.yaml already holds this value, Flink 2.0's default,
   * which is what {@link FlinkClusterConfig#JAVA_OPTS_ALL} copies.
   */
  private static final Set<String> NOT_IN_FLINK_PROPERTIES = Set.of("env.java.opts.all");

  private static final String JOB_JAR = "/opt/flink/usrlib/alert-scoring-job.jar";
  private static final String MODELS_DIR = "/opt/alert-scoring/trained_models";
  private static final String FLINK_DATA = "/flink-data";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // ---------------------------------------------------------------------------------------------
  // (a) docker-compose accepts the file

  @Test
  void dockerComposeConfigAcceptsTheFileAndListsEveryService() throws Exception {
    Path binary = dockerCompose();
    ProcessBuilder pb =
        new ProcessBuilder(binary.toString(), "-f", COMPOSE.toString(), "config")
            .directory(ROOT.toFile());
    // no value in the file may depend on the caller's environment
    pb.environment().keySet().removeIf(k -> k.startsWith("COMPOSE_") || k.startsWith("DOCKER_"));
    Process process = pb.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("docker-compose config did not finish in 120 s");
    }
    String out = stdout.get(10, TimeUnit.SECONDS);
    String err = stderr.get(10, TimeUnit.SECONDS);
    assertThat(process.exitValue())
        .as("docker-compose -f %s config\nstdout:\n%s\nstderr:\n%s", COMPOSE, out, err)
        .isZero();

    JsonNode normalized = YAML.readTree(out);
    List<String> services = new ArrayList<>();
    normalized.path("services").fieldNames().forEachRemaining(services::add);
    assertThat(services).as("services of the normalized file").containsAll(SERVICES);

    // interpolation left the Flink configuration as it is written in the file
    JsonNode raw = compose();
    for (String service : List.of("jobmanager", "taskmanager")) {
      assertThat(flinkProperties(normalized, service))
          .as("FLINK_PROPERTIES of %s after docker-compose config", service)
          .isEqualTo(flinkProperties(raw, service));
    }
    assertThat(normalized.path("volumes").has("flink-data")).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // (b) the file agrees with the code

  @Test
  void flinkPropertiesHoldEverySharedKeyOfFlinkClusterConfig() throws IOException {
    JsonNode compose = compose();
    Map<String, String> expected = new LinkedHashMap<>(SHARED);
    expected.keySet().removeAll(NOT_IN_FLINK_PROPERTIES);
    assertThat(SHARED).containsKeys(NOT_IN_FLINK_PROPERTIES.toArray(String[]::new));

    for (String service : List.of("jobmanager", "taskmanager")) {
      Map<String, String> props = flinkProperties(compose, service);
      assertThat(props)
          .as("FLINK_PROPERTIES of %s vs FlinkClusterConfig.shared(1024m, 2048m, 2)", service)
          .containsAllEntriesOf(expected)
          .doesNotContainKeys(NOT_IN_FLINK_PROPERTIES.toArray(String[]::new));
      // the entrypoint deletes whitespace inside a line: a value with a space would change
      props.forEach(
          (k, v) ->
              assertThat(v).as("%s of %s", k, service).isNotBlank().doesNotContainPattern("\\s"));
      // deployment keys
      assertThat(props)
          .containsEntry("jobmanager.rpc.address", "jobmanager")
          .containsEntry("rest.address", "jobmanager")
          .containsEntry("execution.checkpointing.dir", "file://" + FLINK_DATA + "/checkpoints")
          .containsEntry(
              "execution.checkpointing.savepoint-dir", "file://" + FLINK_DATA + "/savepoints")
          .containsKey("state.backend.rocksdb.localdir");
      assertThat(props.get("state.backend.rocksdb.localdir"))
          .as("RocksDB's working files stay local to each container")
          .doesNotStartWith(FLINK_DATA);
      assertThat(textList(service(compose, service).path("volumes")))
          .as("volumes of %s", service)
          .contains("flink-data:" + FLINK_DATA);
      assertThat(service(compose, service).path("command").asText()).isEqualTo(service);
    }
    assertThat(flinkProperties(compose, "taskmanager"))
        .as("one cluster configuration for both processes")
        .isEqualTo(flinkProperties(compose, "jobmanager"));
    assertThat(compose.path("volumes").has("flink-data")).isTrue();
    // the image creates the mount point owned by the flink user, so the volume is writable
    assertThat(Files.readString(JOB_DOCKERFILE))
        .contains("mkdir -p " + FLINK_DATA + "/checkpoints");
  }

  @Test
  void servicesPublishTheirPorts() throws IOException {
    JsonNode compose = compose();
    assertThat(publishedContainerPorts(compose, "jobmanager")).contains(8081);
    assertThat(publishedContainerPorts(compose, "api")).contains(8000);
    assertThat(publishedContainerPorts(compose, "clickhouse")).contains(8123);
    // Kafka inside the compose network is kafka:9092
    JsonNode kafka = service(compose, "kafka").path("environment");
    assertThat(kafka.path("KAFKA_NODE_ID").asText()).isEqualTo("1");
    assertThat(kafka.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(kafka.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("://kafka:9092");
    assertThat(service(compose, "kafka").path("image").asText()).isEqualTo("apache/kafka:3.9.1");
  }

  @Test
  void jobSubmitPassesTheJobsOwnOptions() throws IOException {
    JsonNode compose = compose();
    List<String> command = textList(service(compose, "job-submit").path("command"));
    int run = -1;
    for (int i = 0; i + 1 < command.size(); i++) {
      if (command.get(i).equals("flink") && command.get(i + 1).equals("run")) {
        run = i + 1;
      }
    }
    assertThat(run).as("`flink run` in the job-submit command %s", command).isPositive();
    int jar = command.indexOf(JOB_JAR);
    assertThat(jar).as("the job jar %s in %s", JOB_JAR, command).isGreaterThan(run);
    List<String> clientOptions = command.subList(run + 1, jar);
    assertThat(String.join(" ", clientOptions))
        .contains("--detached")
        .contains("-m jobmanager:8081");

    Map<String, String> jobArgs = options(command.subList(jar + 1, command.size()));
    assertThat(jobArgs)
        .containsEntry("--bootstrap-servers", "kafka:9092")
        .containsEntry(
            "--clickhouse-url", "jdbc:clickhouse://clickhouse:8123/default?compress=false")
        .containsEntry("--models-dir", MODELS_DIR);
    // every option is one the job declares (picocli @Option names in its sources)
    assertThat(jobOptionNames()).containsAll(jobArgs.keySet());

    // the image has the jar and the models where the command looks for them
    String dockerfile = Files.readString(JOB_DOCKERFILE);
    assertThat(dockerfile).contains(JOB_JAR).contains("trained_models " + MODELS_DIR);
    // the services the job connects to are in the file
    assertThat(compose.path("services").has("kafka")).isTrue();
    assertThat(compose.path("services").has("clickhouse")).isTrue();
    assertThat(textList(service(compose, "api").path("command")))
        .contains("--clickhouse-url", "jdbc:clickhouse://clickhouse:8123/default");
  }

  @Test
  void theApiReadsAsTheReadOnlyUserOfClickHouseServer() throws Exception {
    JsonNode compose = compose();
    Path usersFile = ROOT.resolve("docker/clickhouse-users.d/query-api.xml");
    assertThat(textList(service(compose, "clickhouse").path("volumes")))
        .contains(
            "./clickhouse-users.d/query-api.xml:/etc/clickhouse-server/users.d/query-api.xml:ro");
    JsonNode apiEnv = service(compose, "api").path("environment");
    assertThat(apiEnv.path("CLICKHOUSE_USER").asText()).isEqualTo(ClickHouseServer.READ_ONLY_USER);
    String password = apiEnv.path("CLICKHOUSE_PASSWORD").asText();
    assertThat(password).isNotBlank();

    // the users.d file holds the same profile and user as the tests' server writes
    javax.xml.parsers.DocumentBuilderFactory factory =
        javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    org.w3c.dom.Document deployed = factory.newDocumentBuilder().parse(usersFile.toFile());
    org.w3c.dom.Document tests =
        factory
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    ClickHouseServer.usersXml(password).getBytes(StandardCharsets.UTF_8)));
    javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
    String profile = "/*/profiles/" + ClickHouseServer.READ_ONLY_PROFILE + "/readonly";
    String user = "/*/users/" + ClickHouseServer.READ_ONLY_USER;
    for (String path :
        List.of(
            profile,
            user + "/password_sha256_hex",
            user + "/profile",
            user + "/networks/ip",
            user + "/allow_databases/database")) {
      assertThat(xpath.evaluate(path, deployed).strip())
          .as("%s in %s", path, usersFile)
          .isNotEmpty()
          .isEqualTo(xpath.evaluate(path, tests).strip());
    }
    assertThat(xpath.evaluate(profile, deployed).strip())
        .isEqualTo(String.valueOf(ClickHouseServer.READ_ONLY_LEVEL));
    assertThat(xpath.evaluate(user + "/password_sha256_hex", deployed).strip())
        .isEqualTo(ClickHouseServer.sha256Hex(password));
    // the API's own options are read from those variables
    String main =
        Files.readString(
            ROOT.resolve("query-api/src/main/java/io/alertscoring/api/QueryApiMain.java"));
    assertThat(main)
        .contains("USER_ENV = \"CLICKHOUSE_USER\"")
        .contains("PASSWORD_ENV = \"CLICKHOUSE_PASSWORD\"");
  }

  @Test
  void kafkaTopicsCreatesEveryTopicTheProductUses() throws IOException {
    List<String> command = textList(service(compose(), "kafka-topics").path("command"));
    assertThat(command).containsAll(EmbeddedKafkaBroker.productTopics());
  }

  @Test
  void apiImageHasAHealthcheckAndANonRootUser() throws IOException {
    List<Instruction> stage = finalStage(instructions(API_DOCKERFILE));
    Optional<Instruction> healthcheck =
        stage.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).reduce((a, b) -> b);
    assertThat(healthcheck).as("HEALTHCHECK in the final stage of %s", API_DOCKERFILE).isPresent();
    assertThat(healthcheck.get().arguments()).doesNotStartWith("NONE").contains("CMD");
    // the check asks GET /health on port 8000
    String script = Files.readString(ROOT.resolve("docker/query-api-healthcheck.sh"));
    assertThat(script).contains("GET /health").contains("/dev/tcp/127.0.0.1/");
    assertThat(healthcheck.get().arguments()).contains("8000");
    assertThat(stage).anyMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals("8000"));

    Optional<Instruction> user =
        stage.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b);
    assertThat(user).as("USER in the final stage of %s", API_DOCKERFILE).isPresent();
    String name = user.get().arguments().split(":", 2)[0].strip();
    assertThat(name).isNotIn("root", "0");
  }

  // ---------------------------------------------------------------------------------------------
  // (c) multi-stage images

  @Test
  void bothDockerfilesAreMultiStage() throws IOException {
    for (Path dockerfile : List.of(JOB_DOCKERFILE, API_DOCKERFILE)) {
      List<String> froms =
          instructions(dockerfile).stream()
              .filter(i -> i.keyword().equals("FROM"))
              .map(Instruction::arguments)
              .toList();
      assertThat(froms).as("FROM lines of %s", dockerfile).hasSizeGreaterThanOrEqualTo(2);
      assertThat(froms.get(0)).startsWith("maven:3.9-eclipse-temurin-17");
    }
    assertThat(lastFrom(JOB_DOCKERFILE)).isEqualTo("flink:2.0.2-java17");
    assertThat(lastFrom(API_DOCKERFILE)).isEqualTo("eclipse-temurin:17-jre");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docker/compose.yaml"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no docker/compose.yaml in " + dir + " or above");
  }

  /** The docker-compose binary on the PATH; fails (never skips) when there is none. */
  private static Path dockerCompose() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "docker-compose");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        "docker-compose is not installed (not on PATH: "
            + path
            + "). Install Debian's package: `apt-get install -y docker-compose` (bin/run-tests"
            + " does it); it validates docker/compose.yaml without a Docker engine.");
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static JsonNode compose() throws IOException {
    return YAML.readTree(COMPOSE.toFile());
  }

  private static JsonNode service(JsonNode compose, String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("service %s in %s", name, COMPOSE).isTrue();
    return service;
  }

  /**
   * FLINK_PROPERTIES of a service, as the Flink image's entrypoint reads it: `key: value` lines.
   */
  private static Map<String, String> flinkProperties(JsonNode compose, String name) {
    JsonNode environment = service(compose, name).path("environment");
    String text;
    if (environment.isArray()) { // - FLINK_PROPERTIES=...
      text =
          textList(environment).stream()
              .filter(e -> e.startsWith("FLINK_PROPERTIES="))
              .map(e -> e.substring("FLINK_PROPERTIES=".length()))
              .findFirst()
              .orElse(null);
    } else {
      JsonNode value = environment.path("FLINK_PROPERTIES");
      text = value.isTextual() ? value.asText() : null;
    }
    assertThat(text).as("FLINK_PROPERTIES of %s", name).isNotBlank();
    Map<String, String> props = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      assertThat(colon).as("`key: value` line in FLINK_PROPERTIES of %s: %s", name, l).isPositive();
      String key = l.substring(0, colon).strip();
      assertThat(props).as("%s twice in FLINK_PROPERTIES of %s", key, name).doesNotContainKey(key);
      props.put(key, l.substring(colon + 1).strip());
    }
    return props;
  }

  /** Container ports a service publishes, short ("[ip:]host:container[/proto]") or long syntax. */
  private static Set<Integer> publishedContainerPorts(JsonNode compose, String name) {
    Set<Integer> ports = new LinkedHashSet<>();
    for (JsonNode port : service(compose, name).path("ports")) {
      if (port.isObject()) {
        ports.add(port.path("target").asInt());
      } else {
        String spec = port.asText().split("/", 2)[0];
        String[] parts = spec.split(":");
        if (parts.length >= 2) { // a bare "8081" is not published on a fixed host port
          ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
      }
    }
    return ports;
  }

  private static List<String> textList(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (node.isTextual()) {
      out.add(node.asText());
    }
    return out;
  }

  /** {@code --name value} / {@code --name=value} pairs of a program's arguments. */
  private static Map<String, String> options(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      assertThat(arg).as("an option name in the job arguments %s", args).startsWith("--");
      int eq = arg.indexOf('=');
      if (eq > 0) {
        out.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        out.put(arg, args.get(++i));
      } else {
        out.put(arg, "");
      }
    }
    return out;
  }

  /** The {@code @Option} names of the job's command line, read from its sources. */
  private static Set<String> jobOptionNames() throws IOException {
    Path job = ROOT.resolve("scoring-job/src/main/java/io/alertscoring/job");
    Pattern names = Pattern.compile("names\\s*=\\s*(?:\\{([^}]*)}|(\"[^\"]*\"))");
    Pattern quoted = Pattern.compile("\"(--[^\"]+)\"");
    Set<String> out = new LinkedHashSet<>();
    for (String file : List.of("ScoringJobMain.java", "CheckpointSettings.java")) {
      Matcher m = names.matcher(Files.readString(job.resolve(file)));
      while (m.find()) {
        Matcher q = quoted.matcher(m.group(1) != null ? m.group(1) : m.group(2));
        while (q.find()) {
          out.add(q.group(1));
        }
      }
    }
    assertThat(out).as("@Option names in %s", job).contains("--bootstrap-servers", "--models-dir");
    return out;
  }

  /** One Dockerfile instruction: keyword and the rest, continuation lines joined. */
  private record Instruction(String keyword, String arguments) {}

  private static List<Instruction> instructions(Path dockerfile) throws IOException {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String l = line.strip();
      if (l.startsWith("#") || (l.isEmpty() && current.length() == 0)) {
        continue; // comments (and parser directives) and blank lines
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      current.append(l);
      String text = current.toString().strip();
      current.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      String[] parts = text.split("\\s+", 2);
      out.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
    }
    return out;
  }

  private static List<Instruction> finalStage(List<Instruction> instructions) {
    int last = -1;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    assertThat(last).as("a FROM line").isNotNegative();
    return instructions.subList(last, instructions.size());
  }

  private static String lastFrom(Path dockerfile) throws IOException {
    String from = finalStage(instructions(dockerfile)).get(0).arguments();
    return from.split("\\s+")[0];
  }
}

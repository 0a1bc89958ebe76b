package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.FeatureSummary;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AddressState;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchHeader;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.ClusterFacts;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.CollectingPublication;
import io.alertscoring.job.testing.CollectingSink;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoint compatibility of every type the job keeps in keyed state, and of every type its
 * unaligned checkpoints hold as in-flight records (restored with no migration at all): for each,
 * {@code src/test/resources/state-compat/<type>/} holds the serializer snapshot and a serialized
 * representative value written by an earlier version of the code. The current serializer must be
 * compatible as is with the committed snapshot, and the committed bytes must read back as the
 * value. A change to one of these classes (a field renamed, retyped, removed, or added) that would
 * break a restore from an existing savepoint fails here.
 *
 * <p>The fixtures are written by this test with {@code -Dstate.compat.regenerate=true} — only when
 * a break is intended (and the savepoints of the job are to be given up) or a type is added: see
 * {@code state-compat/README.md}. {@link #everyKeyedStateOfTheJobHasAFixture} checks, from the
 * operators' own snapshots, that no state of the job is missing here and that each fixture's
 * serializer is the one its operator really uses.
 */
class StateSerializerCompatibilityTest {
  static final boolean REGENERATE = Boolean.getBoolean("state.compat.regenerate");
  static final Path SOURCE_DIR = Path.of("src", "test", "resources", "state-compat");
  static final String SNAPSHOT_FILE = "serializer-snapshot.bin";
  static final String VALUE_FILE = "value.bin";

  /**
   * One fixture: a type as the job serializes it, and a value of it.
   *
   * @param type the fixture's directory under {@code state-compat/}
   * @param info the type information the job's state descriptor (or stream) is built with
   * @param states the keyed states of this type, as {@code operator-uid/state-name}
   */
  record Fixture(String type, TypeInformation<?> info, Object sample, List<String> states) {
    /** The serializer the job creates (generic types allowed, as in the job's config). */
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> serializer() {
      return (TypeSerializer<Object>) info.createSerializer(new SerializerConfigImpl());
    }

    @Override
    public String toString() {
      return type;
    }
  }

  /** A map state's type: a {@link MapStateDescriptor} serializes its map with a MapSerializer. */
  static TypeInformation<?> mapOf(TypeInformation<?> values) {
    return new MapTypeInfo<>(Types.STRING, values);
  }

  static Fixture state(String type, TypeInformation<?> info, Object sample, String... states) {
    return new Fixture(type, info, sample, List.of(states));
  }

  static Fixture inFlight(Object sample) {
    return new Fixture(
        sample.getClass().getSimpleName(),
        TypeInformation.of(sample.getClass()),
        sample,
        List.of());
  }

  /**
   * Every keyed state of the job (the types its functions' descriptors are built with) and every
   * record type that crosses a network edge, each with a value that sets every field.
   */
  static List<Fixture> fixtures() {
    return List.of(
        state(
            "AddressState",
            TypeInformation.of(AddressState.class),
            Samples.addressState(),
            "join-and-score-alerts/address"),
        state(
            "BatchHeader",
            TypeInformation.of(BatchHeader.class),
            Samples.header(),
            "coordinate-batch/header"),
        state(
            "Map-String-AlertFacts",
            mapOf(TypeInformation.of(AlertFacts.class)),
            Samples.map(Samples.alertFacts("a1"), Samples.alertFacts("a2")),
            "coordinate-batch/alerts"),
        state(
            "Map-String-FeatureSummary",
            mapOf(TypeInformation.of(FeatureSummary.class)),
            Samples.map(Samples.featureSummary(1), Samples.featureSummary(2)),
            "coordinate-batch/features"),
        state(
            "Map-String-ClusterFacts",
            mapOf(TypeInformation.of(ClusterFacts.class)),
            Samples.map(Samples.clusterFacts()),
            "coordinate-batch/clusters"),
        state(
            "Map-String-double-array",
            mapOf(PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO),
            Samples.map(new double[] {12.5, 3}, new double[] {Double.NaN, -0.0}),
            "coordinate-batch/flows",
            "rank-and-finish-batch/alert-results"),
        state(
            "BatchPart",
            TypeInformation.of(BatchPart.class),
            Samples.batchPart(),
            "rank-and-finish-batch/plan"),
        state(
            "Map-String-BatchPart",
            mapOf(TypeInformation.of(BatchPart.class)),
            Samples.map(Samples.batchPart()),
            "rank-and-finish-batch/cluster-parts"),
        state(
            "long-array",
            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO,
            new long[] {1, 2, -1, Long.MAX_VALUE, 5},
            "rank-and-finish-batch/counts",
            "publish-run/stored-rows"),
        state(
            "String", Types.STRING, "scoring alert a1 failed: boom", "rank-and-finish-batch/error"),
        state(
            "Long",
            Types.LONG,
            601_000L,
            "rank-and-finish-batch/deadline-at",
            "publish-run/expires-at",
            "publish-run/publication-order"),
        state(
            "BatchMetadata",
            TypeInformation.of(BatchMetadata.class),
            Samples.metadata(),
            "publish-run/completed"),
        // in-flight records of unaligned checkpoints (BatchPart and BatchMetadata are above)
        inFlight(Samples.rawRecord()),
        inFlight(Samples.batchEvent()),
        inFlight(Samples.addressRecord()),
        inFlight(Samples.alertContext("a1")),
        inFlight(RunProgress.completed("ethereum/2026-03-01/7/r1", Samples.metadata(), 150)),
        inFlight(Samples.alertScore()),
        inFlight(Samples.liveAlertScore()),
        inFlight(Samples.alertRanking()),
        inFlight(Samples.clusterScore()),
        inFlight(Samples.deadLetter()),
        inFlight(Samples.notificationEvent()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theCommittedSerializerSnapshotRestoresAsIsAndTheCommittedValueReadsBack(Fixture fixture)
      throws Exception {
    if (REGENERATE) {
      write(fixture);
    }
    byte[] snapshotBytes = read(fixture.type(), SNAPSHOT_FILE);
    byte[] valueBytes = read(fixture.type(), VALUE_FILE);

    TypeSerializerSnapshot<Object> committed =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(snapshotBytes), getClass().getClassLoader());
    TypeSerializer<Object> current = fixture.serializer();
    TypeSerializerSchemaCompatibility<Object> compatibility =
        current.snapshotConfiguration().resolveSchemaCompatibility(committed);
    assertThat(compatibility.isCompatibleAsIs())
        .as(
            "%s: the current serializer must read state written with the committed one (%s)",
            fixture.type(), compatibility)
        .isTrue();

    // what a restore does: the old serializer reads the old bytes; as-is, so does the new one
    assertSameValue(
        committed.restoreSerializer().deserialize(new DataInputDeserializer(valueBytes)), fixture);
    assertSameValue(current.deserialize(new DataInputDeserializer(valueBytes)), fixture);
  }

  static void assertSameValue(Object actual, Fixture fixture) {
    assertThat(actual)
        .as(fixture.type())
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
        .isEqualTo(fixture.sample());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void isSerializedWithoutKryo(Fixture fixture) {
    SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
    noGenericTypes.setGenericTypes(false);
    // refuses any type, at any depth, that would fall back to Kryo (whose state cannot evolve)
    assertThat(fixture.info().createSerializer(noGenericTypes)).isNotNull();
  }

  /**
   * Reads the keyed states each stateful operator of the job really registers, from its own
   * snapshot's metadata (state names and serializer snapshots), and checks that each has a fixture
   * whose serializer is compatible as is with the operator's.
   */
  @Test
  void everyKeyedStateOfTheJobHasAFixture() throws Exception {
    Map<String, TypeSerializerSnapshot<?>> registered = new TreeMap<>();
    registered.putAll(
        statesOf(
            "coordinate-batch",
            new KeyedOneInputStreamOperatorTestHarness<>(
                new BatchCoordinatorOperator(new BatchCoordinatorFunction(JobFixtures.CONFIG)),
                (BatchEvent e) -> e.batchId,
                Types.STRING)));
    registered.putAll(
        statesOf(
            "join-and-score-alerts",
            new KeyedTwoInputStreamOperatorTestHarness<>(
                new AlertScoringOperator(
                    new AlertScoringFunction(JobFixtures.CONFIG),
                    JobFixtures.CONFIG.finalScoringShare()),
                AddressRecord::addressKey,
                AlertContext::addressKey,
                Types.STRING)));
    registered.putAll(
        statesOf(
            "rank-and-finish-batch",
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BatchFinishFunction(JobFixtures.CONFIG)),
                (BatchPart p) -> p.batchId,
                Types.STRING)));
    registered.putAll(
        statesOf(
            "publish-run",
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                    new PublishRunFunction(
                        JobFixtures.CONFIG,
                        new CollectingPublication(
                            new CollectingSink<>(), new CollectingStore<>()))),
                (RunProgress p) -> p.runKey,
                Types.STRING)));

    Map<String, Fixture> byState = new TreeMap<>();
    for (Fixture f : fixtures()) {
      f.states().forEach(s -> byState.put(s, f));
    }
    assertThat(registered.keySet())
        .as("the keyed states the operators register (timers are Flink's)")
        .containsExactlyInAnyOrderElementsOf(byState.keySet());
    for (Map.Entry<String, TypeSerializerSnapshot<?>> e : registered.entrySet()) {
      Fixture f = byState.get(e.getKey());
      @SuppressWarnings("unchecked")
      TypeSerializerSnapshot<Object> real = (TypeSerializerSnapshot<Object>) e.getValue();
      assertThat(
              f.serializer()
                  .snapshotConfiguration()
                  .resolveSchemaCompatibility(real)
                  .isCompatibleAsIs())
          .as("%s is serialized as fixture %s", e.getKey(), f.type())
          .isTrue();
    }
  }

  /** The state names and value serializers in an operator's keyed snapshot, timers left out. */
  static Map<String, TypeSerializerSnapshot<?>> statesOf(
      String uid, AbstractStreamOperatorTestHarness<?> harness) throws Exception {
    Map<String, TypeSerializerSnapshot<?>> states = new TreeMap<>();
    try (harness) {
      harness.open();
      OperatorSubtaskState snapshot = harness.snapshot(1, 0);
      for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
        try (FSDataInputStream in = ((KeyGroupsStateHandle) handle).openInputStream()) {
          KeyedBackendSerializationProxy<String> proxy =
              new KeyedBackendSerializationProxy<>(
                  StateSerializerCompatibilityTest.class.getClassLoader());
          proxy.read(new DataInputViewStreamWrapper(in));
          for (StateMetaInfoSnapshot meta : proxy.getStateMetaInfoSnapshots()) {
            if (meta.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.KEY_VALUE) {
              states.put(
                  uid + "/" + meta.getName(),
                  meta.getTypeSerializerSnapshot(
                      StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER));
            }
          }
        }
      }
    }
    return states;
  }

  static void write(Fixture fixture) throws IOException {
    Path dir = SOURCE_DIR.resolve(fixture.type());
    Files.createDirectories(dir);
    DataOutputSerializer snapshot = new DataOutputSerializer(1024);
    TypeSerializerSnapshot.writeVersionedSnapshot(
        snapshot, fixture.serializer().snapshotConfiguration());
    Files.write(dir.resolve(SNAPSHOT_FILE), snapshot.getCopyOfBuffer());
    DataOutputSerializer value = new DataOutputSerializer(256);
    fixture.serializer().serialize(fixture.sample(), value);
    Files.write(dir.resolve(VALUE_FILE), value.getCopyOfBuffer());
  }

  /** From the source tree when just regenerated, else from the test classpath. */
  static byte[] read(String type, String file) throws IOException {
    if (REGENERATE) {
      return Files.readAllBytes(SOURCE_DIR.resolve(type).resolve(file));
    }
    String resource = "/state-compat/" + type + "/" + file;
    try (InputStream in = StateSerializerCompatibilityTest.class.getResourceAsStream(resource)) {
      assertThat(in)
          .as("fixture %s (write it with -Dstate.compat.regenerate=true)", resource)
          .isNotNull();
      return in.readAllBytes();
    }
  }

  /** Deterministic values that set every field, NaN and negative zero included. */
  static final class Samples {
    private Samples() {}

    static AlertFacts alertFacts(String id) {
      return new AlertFacts(id, "0xabc", "layering", 2, 1, true, 0.5, 123.25, 3);
    }

    static FeatureSummary featureSummary(double v) {
      return new FeatureSummary(v, 2, 0.125, Double.NaN, -0.0);
    }

    static BatchControl control() {
      return new BatchControl("ethereum", "2026-03-01", 7, 1, 2, 3, 4, 99);
    }

    @SafeVarargs
    static <V> Map<String, V> map(V... values) {
      Map<String, V> m = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        m.put("k" + i, values[i]);
      }
      return m;
    }

    static AlertContext alertContext(String alertId) {
      AlertContext c = new AlertContext();
      c.batchId = "ethereum/2026-03-01/7/r1";
      c.runId = "r1";
      c.address = "0xabc";
      c.alertId = alertId;
      c.batchColumns = new double[] {1, Double.NaN, -0.5};
      c.hasFeatures = true;
      c.addressAlerts = 2;
      c.featureShareMs = 0.25;
      c.processedAt = 1_000;
      c.version = 10_001;
      c.drain = false;
      return c;
    }

    static AddressState addressState() {
      AddressState s = new AddressState();
      s.putAlert(alertFacts("a1"), 5);
      s.putAlert(alertFacts("a2"), 6);
      s.liveStages[0] = AddressState.LIVE_WITH_FEATURES;
      s.liveStages[1] = AddressState.LIVE_WITHOUT_FEATURES;
      s.features = new double[] {1, Double.NaN, 3};
      s.featuresArrivedAt = 7;
      s.putPending(alertContext("a3"));
      s.scored = 1;
      s.cleanupAt = 8;
      s.liveDeadline = 9;
      return s;
    }

    static BatchHeader header() {
      BatchHeader h = new BatchHeader();
      h.startedAt = 1;
      h.timeoutAt = 2;
      h.arrivals = new long[] {1, 2, 3, 4};
      h.nextCheckAt = 11;
      h.control = control();
      h.closingAt = 3;
      h.closePhase = BatchHeader.EMITTING;
      h.contextsEmitted = 4096;
      h.nextChunkAt = 5;
      h.closedAt = 6;
      h.retentionAt = 7;
      h.runId = "r1";
      h.outcome = BatchStatus.COMPLETED.name();
      h.topics = new String[] {"sot.alerts", null, "sot.clusters", "sot.money_flows"};
      return h;
    }

    static ClusterFacts clusterFacts() {
      ClusterFacts f = new ClusterFacts();
      f.network = "ethereum";
      f.processingDate = "2026-03-01";
      f.windowDays = 7;
      f.clusterId = "c1";
      f.clusterType = "same_entity";
      f.primaryAddress = "0xabc";
      f.patternId = "p1";
      f.primaryAlertId = "a1";
      f.relatedAlertIds = new String[] {"a1", "a2"};
      f.addressesInvolved = new String[] {"0xabc", "0xdef"};
      f.totalAlerts = 2;
      f.totalVolumeUsd = "1234.50";
      f.severityMax = Severity.HIGH;
      f.confidenceAvg = 0.75;
      f.earliestAlertTimestamp = 100;
      f.latestAlertTimestamp = 200;
      return f;
    }

    static BatchPart batchPart() {
      BatchPart p = new BatchPart();
      p.kind = BatchPart.Kind.PLAN;
      p.batchId = "ethereum/2026-03-01/7/r1";
      p.runId = "r1";
      p.alertCount = 2;
      p.clusterCount = 1;
      p.received = new long[] {2, 1, 1, 3};
      p.expected = new long[] {2, 1, 1, 3};
      p.startedAt = 1;
      p.closedAt = 2;
      p.publishedAt = 3;
      p.version = 21;
      p.featureMs = 1.5;
      p.note = "more records than announced";
      p.clusterId = "c1";
      p.totalAlerts = 2;
      p.totalVolumeUsd = 1234.5;
      p.partialColumns = new double[] {0.5, Double.NaN};
      p.presentMembers = new String[] {"a1", "a2"};
      p.alertId = "a1";
      p.probability = 0.25;
      p.rankerScore = -1.5;
      p.error = "boom";
      return p;
    }

    static BatchMetadata metadata() {
      return new BatchMetadata(
          "ethereum",
          "2026-03-01",
          7,
          "r1",
          BatchStatus.COMPLETED,
          10,
          9,
          2,
          30,
          10,
          9,
          2,
          30,
          10,
          10,
          2,
          1.5,
          2.5,
          3.5,
          4.5,
          5.5,
          17.5,
          "models",
          "",
          100,
          200,
          2001);
    }

    static RawRecord rawRecord() {
      return new RawRecord(
          RecordKind.ALERT,
          "sot.alerts",
          3,
          42,
          "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
          "r1");
    }

    static BatchEvent batchEvent() {
      BatchEvent e = new BatchEvent(RecordKind.ALERT, "ethereum/2026-03-01/7/r1", "a1", "t", 1, 2);
      e.alert = alertFacts("a1");
      e.features = featureSummary(1);
      e.flowUsd = 12.5;
      e.flowFromLength = 5;
      e.cluster = clusterFacts();
      e.control = control();
      e.drain = false;
      return e;
    }

    static AddressRecord addressRecord() {
      AddressRecord r = AddressRecord.ofAlert("ethereum/2026-03-01/7/r1", alertFacts("a1"));
      r.featureValues = new double[] {1, Double.NaN};
      return r;
    }

    static AlertScore alertScore() {
      return new AlertScore(
          "ethereum",
          "2026-03-01",
          7,
          "r1",
          "a1",
          "0xabc",
          "layering",
          1_000.0,
          0.75,
          "HIGH",
          "m1",
          "sha",
          "{\"top\":[]}",
          1.25,
          200,
          2001);
    }

    static LiveAlertScore liveAlertScore() {
      return new LiveAlertScore(
          "ethereum",
          "2026-03-01",
          7,
          "r1",
          "a1",
          "0xabc",
          "layering",
          0.5,
          "MEDIUM",
          "m2",
          "sha",
          "{}",
          true,
          100,
          150,
          50.5,
          1501);
    }

    static AlertRanking alertRanking() {
      return new AlertRanking("ethereum", "2026-03-01", 7, "r1", 1, "a1", 2.5, "m3", 200, 2001);
    }

    static ClusterScore clusterScore() {
      return new ClusterScore(
          "ethereum",
          "2026-03-01",
          7,
          "r1",
          "c1",
          0.5,
          "LOW",
          2,
          1234.5,
          "[\"a1\"]",
          "m4",
          "sha",
          200,
          2001);
    }

    static NotificationEvent notificationEvent() {
      return new NotificationEvent(
          "alert",
          "live",
          "ethereum",
          "2026-03-01",
          7,
          "r1",
          "a-1",
          "0xabc",
          "peel_chain",
          0.97,
          "high",
          "live-v1",
          "volume_usd",
          1.25,
          "[]",
          11L);
    }

    static DeadLetter deadLetter() {
      return new DeadLetter("bad", "ALERT", "sot.alerts", 1, 2, "b", "{}", false, 3);
    }
  }
}

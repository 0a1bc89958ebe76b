package io.alertscoring.job.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.FeatureSummary;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.BatchControl;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type kept in state or sent between operators is a Flink POJO (never Kryo, whose state does
 * not survive class changes), round-trips through its serializer, and its serializer snapshot
 * restores to a serializer compatible as-is: what a savepoint relies on.
 */
class StateTypesTest {

  static List<Object> samples() {
    BatchEvent event = new BatchEvent(RecordKind.ALERT, "eth/2026-03-01/7", "a1", "t", 1, 2);
    event.alert = new AlertFacts("a1", "0xabc", "layering", 2, 1, true, 0.5, 123.25, 3);
    BatchHeader header = new BatchHeader();
    header.arrivals = new long[] {1, 2, 3, 4};
    header.control = new BatchControl("ethereum", "2026-03-01", 7, 1, 2, 3, 4, 99);
    AlertContext context = new AlertContext();
    context.batchId = "b";
    context.address = "0xabc";
    context.alertId = "a1";
    context.batchColumns = new double[] {1, Double.NaN};
    BatchPart part = new BatchPart();
    part.kind = BatchPart.Kind.CLUSTER;
    part.presentMembers = new String[] {"a1", "a2"};
    part.partialColumns = new double[] {0.5};
    ClusterFacts cluster = new ClusterFacts();
    cluster.clusterId = "c1";
    cluster.relatedAlertIds = new String[] {"a1"};
    cluster.addressesInvolved = new String[] {"0xabc"};
    cluster.totalVolumeUsd = "12.50";
    cluster.severityMax = Severity.HIGH;
    AddressState address = new AddressState();
    address.putAlert(event.alert, 5);
    address.liveStages[0] = AddressState.LIVE_WITH_FEATURES;
    address.featuresArrivedAt = 6;
    address.liveDeadline = 8;
    address.features = new double[] {1, Double.NaN};
    address.putPending(context);
    address.cleanupAt = 7;
    return List.of(
        address,
        event,
        event.alert,
        new FeatureSummary(1, 2, 3, 4, Double.NaN),
        header,
        header.control,
        context,
        part,
        cluster,
        AddressRecord.ofFeatures("b", "0xabc", new double[] {1, 2}));
  }

  @ParameterizedTest
  @MethodSource("samples")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void isAPojoThatRoundTripsAndRestoresItsSerializer(Object sample) throws Exception {
    TypeInformation<Object> info = (TypeInformation<Object>) TypeInformation.of(sample.getClass());
    assertThat(info).as(sample.getClass().getSimpleName()).isInstanceOf(PojoTypeInfo.class);
    TypeSerializer<Object> serializer = info.createSerializer(new SerializerConfigImpl());

    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(sample, out);
    Object copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(copy)
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
        .isEqualTo(sample);

    TypeSerializerSnapshot<Object> snapshot = serializer.snapshotConfiguration();
    DataOutputSerializer snapshotOut = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(snapshotOut, snapshot);
    TypeSerializerSnapshot<Object> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(snapshotOut.getCopyOfBuffer()), getClass().getClassLoader());
    TypeSerializerSchemaCompatibility<Object> compatibility =
        serializer
            .snapshotConfiguration()
            .resolveSchemaCompatibility((TypeSerializerSnapshot) restored);
    assertThat(compatibility.isCompatibleAsIs()).isTrue();
  }
}

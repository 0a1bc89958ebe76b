package io.alertscoring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: both decoders give the same records on its messages. */
class SotDecodeBenchmarkTest {

  @Test
  void bothDecodersGiveTheSameRecordsOnTheBenchmarksMessages() throws Exception {
    Map<RecordKind, byte[][]> samples = SotSamples.loadAll(4096);
    for (RecordKind kind :
        new RecordKind[] {
          RecordKind.ALERT, RecordKind.FEATURES, RecordKind.CLUSTER, RecordKind.MONEY_FLOW
        }) {
      byte[][] messages = samples.get(kind);
      assertThat(messages.length).as("%s", kind).isGreaterThan(100);
      for (byte[] message : messages) {
        assertSame(SotJson.decode(kind, message), SotJson.decodeTree(kind, message));
      }
    }
  }

  /** Component by component: double arrays by content, doubles bit for bit, BigDecimal scale. */
  private static void assertSame(SotRecord actual, SotRecord expected) throws Exception {
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    for (RecordComponent component : actual.getClass().getRecordComponents()) {
      Object a = component.getAccessor().invoke(actual);
      Object e = component.getAccessor().invoke(expected);
      boolean same =
          a instanceof double[] da
              ? Arrays.equals(da, (double[]) e)
              : a instanceof Double x
                  ? Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) e)
                  : Objects.equals(a, e);
      assertThat(same).as("%s of %s", component.getName(), actual.recordId()).isTrue();
    }
  }
}

package io.alertscoring.generator.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EthIllicitSourceTest {
  static final LocalDate DATE = LocalDate.parse("2026-02-01");

  @Test
  void mapsEveryAccountToOneAlertWithFeaturesAndKeepsTheFlagApart() throws Exception {
    EthIllicitSource source = new EthIllicitSource(SharedDatasets.ethIllicit(), DATE, 7);
    List<BatchKey> batches = source.batches("ethereum", DATE, DATE);
    assertThat(batches).containsExactly(new BatchKey("ethereum", "2026-02-01", 7));
    assertThat(source.batches("ethereum", DATE.plusDays(1), DATE.plusDays(3))).isEmpty();

    CollectingVisitor v = new CollectingVisitor();
    source.read(batches.get(0), v);
    // 9,841 rows, 9,816 distinct addresses: the 25 repeats are reported bad rows
    assertThat(v.of(RecordKind.ALERT)).hasSize(9_816);
    assertThat(v.of(RecordKind.FEATURES)).hasSize(9_816);
    assertThat(v.of(RecordKind.ADDRESS_LABEL)).hasSize(9_816);
    assertThat(v.bad).hasSize(25).allMatch(b -> b.contains("duplicate address"));
    long illicit =
        v.of(RecordKind.ADDRESS_LABEL).stream()
            .filter(l -> ((AddressLabel) l).isPositive())
            .count();
    assertThat(illicit).isEqualTo(2_179);
    assertThat(v.of(RecordKind.CLUSTER)).isEmpty();
    assertThat(v.of(RecordKind.MONEY_FLOW)).isEmpty();

    for (RecordKind kind :
        List.of(RecordKind.ALERT, RecordKind.FEATURES, RecordKind.ADDRESS_LABEL)) {
      for (SotRecord r : v.of(kind)) {
        SotJson.decode(kind, SotJson.encode(r)); // throws if the job would dead-letter it
      }
    }
    // the label never leaks: every alert field except identity and volume is the same for all
    assertThat(v.of(RecordKind.ALERT))
        .extracting(
            r -> ((Alert) r).severity(),
            r -> ((Alert) r).alertConfidenceScore(),
            r -> ((Alert) r).typologyType(),
            r -> ((Alert) r).riskIndicators())
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(
                io.alertscoring.schemas.Severity.MEDIUM, 0.5, "dataset_screening", List.of()));
    assertThat(SotJson.encode(v.of(RecordKind.ALERT).get(0))).doesNotContain("FLAG");
    AddressFeatures f = (AddressFeatures) v.of(RecordKind.FEATURES).get(0);
    assertThat(f.address()).isEqualTo("0x00009277775ac7d0d59eaad8fee3d10ac6c805e8");
    assertThat(f.value("tx_out_count")).isEqualTo(721);
    assertThat(f.value("tx_in_count")).isEqualTo(89);
    assertThat(f.value("degree_in")).isEqualTo(40);
    assertThat(f.value("degree_out")).isEqualTo(118);
    assertThat(f.value("activity_span_days")).isEqualTo(704785.63 / 1440);
    assertThat(f.value("pagerank")).isNaN();
    assertThat(
            v.of(RecordKind.ALERT).stream()
                .map(r -> ((Alert) r).alertId())
                .collect(Collectors.toSet()))
        .hasSize(9_816);
  }

  @Test
  void malformedRowsAreReportedAndCounted(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(SharedDatasets.ethIllicit()).subList(0, 6);
    Path csv = tmp.resolve("sample.csv");
    String broken = lines.get(3).replaceFirst(",0,", ",x,"); // FLAG not a number
    Files.write(
        csv,
        List.of(
            lines.get(0), lines.get(1), lines.get(2), broken, "1,2,3", lines.get(4), lines.get(1)));
    CollectingVisitor v = new CollectingVisitor();
    EthIllicitSource source = new EthIllicitSource(csv, DATE, 7);
    source.read(source.batches("ethereum", DATE, DATE).get(0), v);
    assertThat(v.of(RecordKind.ALERT)).hasSize(3);
    assertThat(v.bad).hasSize(3);
    assertThat(v.bad.get(0)).contains("sample.csv:4").contains("FLAG");
    assertThat(v.bad.get(1)).contains("sample.csv:5").contains("columns");
    assertThat(v.bad.get(2)).contains("duplicate address");
  }
}

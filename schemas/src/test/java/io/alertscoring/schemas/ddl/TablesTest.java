package io.alertscoring.schemas.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertIndexEntry;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {
  static final List<Object> ROWS =
      List.of(
          new AlertScore(
              "ethereum",
              "2026-03-01",
              7,
              "r1",
              "a1",
              "0xabc",
              "layering",
              1_000.0,
              0.25,
              "low",
              "m1",
              "sha",
              "[]",
              0.5,
              10L,
              11L),
          new AlertRanking("ethereum", "2026-03-01", 7, "r1", 3, "a1", -1.5, "m2", 10L, 11L),
          new ClusterScore(
              "ethereum",
              "2026-03-01",
              7,
              "r1",
              "c1",
              0.75,
              "high",
              4,
              1e6,
              "[\"a1\"]",
              "m3",
              "sha",
              10L,
              11L),
          new BatchMetadata(
              "ethereum",
              "2026-03-01",
              7,
              "r1",
              BatchStatus.COMPLETED,
              1,
              2,
              3,
              4,
              5,
              6,
              7,
              8,
              9,
              10,
              11,
              1.5,
              2.5,
              3.5,
              4.5,
              5.5,
              6.5,
              "models",
              "note",
              12L,
              13L,
              14L),
          new LiveAlertScore(
              "ethereum",
              "2026-03-01",
              7,
              "r1",
              "a1",
              "0xabc",
              "mixer",
              0.5,
              "medium",
              "m4",
              "sha",
              "[]",
              true,
              20L,
              21L,
              1.25,
              21L),
          new PublishedRun("ethereum", "2026-03-01", 7, "r1", 9, 8, 7, "models", 30L, 31L, 32L),
          new AlertIndexEntry("ethereum", "a1", "2026-03-01", 7, "r1"),
          new WebhookDelivery(
              "ops",
              "alert/ethereum/a1/high",
              "e1",
              "alert",
              "ethereum",
              "2026-03-01",
              "a1",
              "high",
              "live",
              "r1",
              WebhookDelivery.DELIVERED,
              4,
              200,
              812.5,
              40L,
              41L,
              "HTTP 500",
              41L));

  @Test
  void everyTableReadsBackWhatItBinds() throws Exception {
    for (int i = 0; i < Tables.OUTPUT.size(); i++) {
      @SuppressWarnings("unchecked")
      Table<Object> table = (Table<Object>) Tables.OUTPUT.get(i);
      Object row = ROWS.get(i);
      Object[] values = table.values(row);
      assertThat(table.read(resultSet(values))).as(table.name()).isEqualTo(row);
    }
  }

  @Test
  void insertHasOnePlaceholderPerColumnInTableOrder() {
    for (Table<?> table : Tables.OUTPUT) {
      String insert = table.insertStatement();
      assertThat(insert.chars().filter(ch -> ch == '?').count())
          .as(table.name())
          .isEqualTo(table.columns().size());
      assertThat(insert).startsWith("INSERT INTO " + table.name() + " (" + table.columnList());
      assertThat(table.createStatement()).contains(table.columnList().split(", ")[0] + " ");
    }
  }

  @Test
  void runScopedTablesAreSortedByRunWithinADate() {
    for (Table<?> table :
        List.of(
            Tables.ALERT_SCORES,
            Tables.ALERT_RANKINGS,
            Tables.CLUSTER_SCORES,
            Tables.BATCH_METADATA)) {
      assertThat(table.createStatement())
          .as(table.name())
          .contains("ORDER BY (network, processing_date, window_days, run_id");
    }
    assertThat(Tables.ALERT_SCORE_INDEX.createStatement()).contains("ORDER BY (network, alert_id,");
    assertThat(Tables.ALERT_SCORE_INDEX_VIEW)
        .contains("TO " + Tables.ALERT_SCORE_INDEX.name())
        .contains(
            "SELECT "
                + Tables.ALERT_SCORE_INDEX.columnList()
                + " FROM "
                + Tables.ALERT_SCORES.name());
  }

  @Test
  void webhookDeliveriesAreOneRowPerEndpointAndDedupKeyAcrossRuns() {
    assertThat(Tables.OUTPUT).contains(Tables.WEBHOOK_DELIVERIES);
    assertThat(Tables.byName("webhook_deliveries")).isSameAs(Tables.WEBHOOK_DELIVERIES);
    assertThat(Tables.WEBHOOK_DELIVERIES.createStatement())
        .contains("ENGINE = ReplacingMergeTree(version) ORDER BY (endpoint_id, dedup_key)")
        .doesNotContain("PARTITION BY")
        .doesNotContain("Nullable");
    // a replay (new run) must not forget what was notified
    assertThat(Tables.RUN_SCOPED).doesNotContain(Tables.WEBHOOK_DELIVERIES);
  }

  /** A result set over one row of values by position (1-based), typed as the driver answers. */
  private static ResultSet resultSet(Object[] values) {
    return (ResultSet)
        Proxy.newProxyInstance(
            TablesTest.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) -> {
              Object v = values[(Integer) args[0] - 1];
              return switch (method.getName()) {
                case "getString" -> (String) v;
                case "getInt" -> v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue();
                case "getLong" -> ((Number) v).longValue();
                case "getDouble" -> ((Number) v).doubleValue();
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
  }
}

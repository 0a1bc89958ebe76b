package io.alertscoring.job.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.ddl.Tables;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job's schema step on a real ClickHouse: new columns added in place, old keys refused. */
class ClickHouseSchemaITCase {
  static ClickHouseServer server;

  @BeforeAll
  static void start() {
    server = ClickHouseServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void addsTheColumnsAddedSinceAnOlderLayoutAndKeepsTheRowsStored() throws Exception {
    String db = "older_layout";
    server.execute("CREATE DATABASE " + db);
    // alert_scores and cluster_scores as they were before volume_usd and alert_ids_json
    server.execute(
        "CREATE TABLE "
            + db
            + "."
            + Tables.ALERT_SCORES.name()
            + " ("
            + columnsWithout(Tables.ALERT_SCORES, "volume_usd")
            + ") ENGINE = ReplacingMergeTree(version) ORDER BY (network, alert_id)");
    server.execute(
        "CREATE TABLE "
            + db
            + "."
            + Tables.CLUSTER_SCORES.name()
            + " ("
            + columnsWithout(Tables.CLUSTER_SCORES, "alert_ids_json")
            + ") ENGINE = ReplacingMergeTree(version) ORDER BY (network, cluster_id)");
    server.execute(
        "INSERT INTO "
            + db
            + ".alert_scores (network, processing_date, alert_id, score) VALUES"
            + " ('ethereum', '2026-03-01', 'a1', 0.5)");

    ClickHouseSchema.apply(server.jdbcUrl(db));

    assertThat(server.query("SELECT isNaN(volume_usd), score FROM " + db + ".alert_scores").strip())
        .isEqualTo("1\t0.5");
    String described = server.query("DESCRIBE TABLE " + db + ".alert_scores");
    assertThat(described)
        .containsPattern("typology_type\\t[^\\n]*\\nvolume_usd\\tFloat64[^\\n]*\\nscore\\t");
    assertThat(server.query("SELECT count() FROM " + db + ".cluster_scores").strip())
        .isEqualTo("0");
    ClickHouseSchema.apply(server.jdbcUrl(db)); // a second start changes nothing
  }

  @Test
  void refusesATableWithoutAKeyColumn() throws Exception {
    String db = "no_run_id";
    server.execute("CREATE DATABASE " + db);
    server.execute(
        "CREATE TABLE "
            + db
            + "."
            + Tables.ALERT_SCORES.name()
            + " ("
            + columnsWithout(Tables.ALERT_SCORES, "run_id")
            + ") ENGINE = ReplacingMergeTree(version) ORDER BY (network, alert_id)");
    assertThatThrownBy(() -> ClickHouseSchema.apply(server.jdbcUrl(db)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("older layout (no run_id)");
  }

  @Test
  void scoresAreStoredBitForBit() throws Exception {
    String db = "exact_scores";
    server.execute("CREATE DATABASE " + db);
    ClickHouseSchema.apply(server.jdbcUrl(db));
    java.util.Random random = new java.util.Random(7);
    java.util.Map<String, Double> sent = new java.util.HashMap<>();
    try (java.sql.Connection c = server.connect(db);
        java.sql.PreparedStatement ps = c.prepareStatement(Tables.ALERT_SCORES.insertStatement())) {
      // Double.toString text is parsed one ulp off for about 1 in 20,000 of such values
      for (int i = 0; i < 40_000; i++) {
        double score = random.nextDouble() * random.nextDouble();
        String id = "a" + i;
        sent.put(id, score);
        Tables.ALERT_SCORES.bind(
            ps,
            new io.alertscoring.schemas.output.AlertScore(
                "ethereum",
                "2026-03-01",
                7,
                "r1",
                id,
                "0x",
                "t",
                1.0,
                score,
                "low",
                "v",
                "s",
                "[]",
                1.0,
                1,
                1));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    int read = 0;
    try (java.sql.Connection c = server.connect(db);
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + Tables.ALERT_SCORES.columnList()
                    + " FROM "
                    + Tables.ALERT_SCORES.name())) {
      while (rs.next()) {
        io.alertscoring.schemas.output.AlertScore back = Tables.ALERT_SCORES.read(rs);
        assertThat(Double.doubleToRawLongBits(back.score()))
            .as(back.alertId())
            .isEqualTo(Double.doubleToRawLongBits(sent.get(back.alertId())));
        read++;
      }
    }
    assertThat(read).isEqualTo(40_000);
  }

  private static String columnsWithout(io.alertscoring.schemas.ddl.Table<?> table, String left) {
    return table.columns().stream()
        .filter(c -> !c.name().equals(left))
        .map(c -> c.name() + " " + c.type().sql())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}

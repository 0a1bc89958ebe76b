package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ScoreRepository} over the output tables of {@link ClickHouseDdl}, in SQL that runs on
 * ClickHouse 18.16 as well as on current releases.
 *
 * <ul>
 *   <li>User input reaches the server only as bound {@link PreparedStatement} parameters; the only
 *       text spliced into statements are the table names and column lists of this class.
 *   <li>Every read of rows uses {@code FINAL}, so a batch written again with a higher version (a
 *       replay, a restart) is seen once, with its latest values. All filters are on sort-key
 *       columns, so they select the same rows before and after the replacing merge; that is also
 *       why a lookup by alert id may filter in {@code PREWHERE}, which runs before the {@code
 *       FINAL} merge: every version of a key has the key's alert id, so the merge still sees them
 *       all. The lists of networks and dates read key columns without {@code FINAL}: replacing rows
 *       never adds or removes a key value.
 *   <li>Dates are compared with {@code toDate(?)} and read as {@code toString(processing_date)}:
 *       the driver never converts a {@code Date} through a time zone.
 *   <li>Without a window, a (network, date) is read at its smallest stored window: an {@code
 *       (network, processing_date, window_days) IN (SELECT ..., min(window_days) ... GROUP BY ...)}
 *       filter over the same table.
 * </ul>
 *
 * <p>{@link #forUrl} pools its connections ({@link ClickHouseConnectionPool}); a repository built
 * over a bare {@link ClickHouseConnectionFactory} opens and closes a connection per call.
 */
public final class ClickHouseScoreRepository implements ScoreRepository {

  private static final String SCORES = ClickHouseDdl.ALERT_SCORES;
  private static final String RANKINGS = ClickHouseDdl.ALERT_RANKINGS;
  private static final String CLUSTERS = ClickHouseDdl.CLUSTER_SCORES;
  private static final String METADATA = ClickHouseDdl.BATCH_METADATA;
  private static final String LIVE = ClickHouseDdl.ALERT_LIVE_SCORES;

  private static final String SCORE_COLUMNS =
      "network, toString(processing_date) AS pdate, window_days, alert_id, address,"
          + " typology_type, score, priority, model_version, model_sha256, explanation_json,"
          + " latency_ms, processed_at, version";

  private static final String LIVE_COLUMNS =
      "network, toString(processing_date) AS pdate, window_days, alert_id, address,"
          + " typology_type, score, priority, model_version, model_sha256, explanation_json,"
          + " features_missing, received_at, scored_at, latency_ms, version";

  private static final String RANKING_COLUMNS =
      "network, toString(processing_date) AS pdate, window_days, rank, alert_id, ranker_score,"
          + " model_version, processed_at, version";

  private static final String CLUSTER_COLUMNS =
      "network, toString(processing_date) AS pdate, window_days, cluster_id, score, priority,"
          + " alert_count, total_volume_usd, model_version, model_sha256, processed_at, version";

  private static final String METADATA_COLUMNS =
      "network, toString(processing_date) AS pdate, window_days, status, alerts_received,"
          + " features_received, clusters_received, money_flows_received, alerts_expected,"
          + " features_expected, clusters_expected, money_flows_expected, alert_scores_written,"
          + " rankings_written, cluster_scores_written, assembly_ms, feature_ms, scoring_ms,"
          + " ranking_ms, cluster_scoring_ms, total_ms, model_versions, error_message, started_at,"
          + " processed_at, version";

  /** Where connections come from; closing one gives it back. */
  @FunctionalInterface
  private interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final ConnectionSource connections;
  private final String serverName;
  private final AutoCloseable owned;

  /** A repository opening a new connection per call (no pool). */
  public ClickHouseScoreRepository(ClickHouseConnectionFactory connections) {
    Objects.requireNonNull(connections, "connections");
    this.connections = connections::open;
    this.serverName = connections.withoutQuery();
    this.owned = () -> {};
  }

  /** A repository borrowing connections from {@code pool}, which {@link #close()} closes. */
  public ClickHouseScoreRepository(ClickHouseConnectionPool pool) {
    Objects.requireNonNull(pool, "pool");
    this.connections = pool::open;
    this.serverName = pool.withoutQuery();
    this.owned = pool;
  }

  /** A repository over the server at {@code jdbcUrl}, with a pool of connections. */
  public static ClickHouseScoreRepository forUrl(String jdbcUrl) {
    return new ClickHouseScoreRepository(ClickHouseConnectionPool.forUrl(jdbcUrl));
  }

  /** Closes the connection pool, if the repository has one. */
  @Override
  public void close() {
    try {
      owned.close();
    } catch (Exception e) {
      throw new RepositoryException("could not close the connections to " + serverName, e);
    }
  }

  @Override
  public boolean isAvailable() {
    try {
      return !query(new Sql("SELECT 1"), rs -> rs.getInt(1)).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The distinct networks of metadata, final and live scores: key values, read without FINAL. */
  @Override
  public List<String> networks() {
    Sql sql =
        new Sql("SELECT network FROM (SELECT DISTINCT network FROM ")
            .add(METADATA)
            .add(" UNION ALL SELECT DISTINCT network FROM ")
            .add(SCORES)
            .add(" UNION ALL SELECT DISTINCT network FROM ")
            .add(LIVE)
            .add(") GROUP BY network ORDER BY network");
    return query(sql, rs -> rs.getString(1));
  }

  @Override
  public List<String> availableDates(Scope scope) {
    return query(catalogDates(scope, Integer.MAX_VALUE), rs -> rs.getString(1));
  }

  @Override
  public Optional<String> latestDate(Scope scope) {
    return query(catalogDates(scope, 1), rs -> rs.getString(1)).stream().findFirst();
  }

  /** Dates having metadata or alert scores in the scope, most recent first. */
  private static Sql catalogDates(Scope scope, int limit) {
    Sql sql = new Sql("SELECT toString(processing_date) AS pdate FROM (");
    sql.add("SELECT processing_date FROM ").add(METADATA).add(" FINAL");
    sql.where(scopeConditions(scope, null, true));
    sql.add(" UNION ALL SELECT processing_date FROM ").add(SCORES).add(" FINAL");
    sql.where(scopeConditions(scope, null, true));
    sql.add(") GROUP BY processing_date ORDER BY processing_date DESC LIMIT ?", limit);
    return sql;
  }

  @Override
  public Page<AlertScore> alertScores(Scope scope, String date, int limit, int offset) {
    return page(
        SCORES,
        SCORE_COLUMNS,
        scope,
        date,
        "score DESC, network ASC, alert_id ASC",
        limit,
        offset,
        ClickHouseScoreRepository::alertScore);
  }

  /**
   * The key of {@code alert_scores} starts with (network, processing_date): the alert id cannot
   * narrow the granules read, only the network can. Filtering on it in PREWHERE reads the {@code
   * alert_id} column of the network's rows and merges just the matching keys, instead of merging
   * every row of the network.
   */
  @Override
  public Optional<AlertScore> alertScore(String alertId, Optional<String> network) {
    Sql sql = new Sql("SELECT ").add(SCORE_COLUMNS).add(" FROM ").add(SCORES).add(" FINAL");
    sql.byAlertId(alertId, network);
    sql.add(" ORDER BY processing_date DESC, window_days ASC, network ASC LIMIT 1");
    return query(sql, ClickHouseScoreRepository::alertScore).stream().findFirst();
  }

  /**
   * Through the key of {@code alert_live_scores}, (network, alert_id, ...), when given a network.
   */
  @Override
  public Optional<LiveAlertScore> liveScore(String alertId, Optional<String> network) {
    Sql sql = new Sql("SELECT ").add(LIVE_COLUMNS).add(" FROM ").add(LIVE).add(" FINAL");
    sql.byAlertId(alertId, network);
    sql.add(" ORDER BY processing_date DESC, window_days ASC, network ASC LIMIT 1");
    return query(sql, ClickHouseScoreRepository::liveScore).stream().findFirst();
  }

  @Override
  public Page<LiveAlertScore> latestLiveScores(Optional<String> network, int limit, int offset) {
    Conditions conditions = new Conditions();
    network.ifPresent(n -> conditions.add("network = ?", n));
    Sql sql = new Sql("SELECT ").add(LIVE_COLUMNS).add(" FROM ").add(LIVE).add(" FINAL");
    sql.where(conditions);
    sql.add(
        " ORDER BY scored_at DESC, alert_id ASC, network ASC, processing_date DESC,"
            + " window_days ASC LIMIT ?, ?",
        offset,
        limit);
    List<LiveAlertScore> items = query(sql, ClickHouseScoreRepository::liveScore);
    Sql count = new Sql("SELECT count() FROM ").add(LIVE).add(" FINAL").where(conditions);
    return Page.undated(query(count, rs -> rs.getLong(1)).get(0), items);
  }

  /**
   * The {@code limit} newest groups lie within the {@code limit} newest live dates, so only those
   * dates are merged with FINAL: the date filter is a PREWHERE on a sort-key column (correct before
   * the merge, like the alert id's), and it skips the partitions of older months. The batch's state
   * comes from an ANY LEFT JOIN on {@code batch_metadata}; a group without a metadata row gets the
   * join's defaults, told apart by {@code has_batch = 0}. Cost: the FINAL merge of the live rows of
   * those dates, about 0.2 s per million rows on two cores.
   */
  @Override
  public List<LiveSummary> liveSummary(Optional<String> network, int limit) {
    Sql sql =
        new Sql(
            "SELECT network, toString(processing_date) AS pdate, window_days, live_alerts,"
                + " missing, last_scored_at, has_batch, status, alert_scores_written FROM ("
                + "SELECT network, processing_date, window_days, count() AS live_alerts,"
                + " sum(features_missing) AS missing, max(scored_at) AS last_scored_at FROM ");
    sql.add(LIVE).add(" FINAL");
    Conditions recent = new Conditions();
    network.ifPresent(n -> recent.add("network = ?", n));
    Sql cutoff =
        new Sql(
                "processing_date >= (SELECT min(d) FROM (SELECT DISTINCT processing_date AS d FROM ")
            .add(LIVE);
    Conditions inner = new Conditions();
    network.ifPresent(n -> inner.add("network = ?", n));
    cutoff.where(inner).add(" ORDER BY d DESC LIMIT ?))", limit);
    sql.prewhere(recent.add(cutoff));
    sql.add(
        " GROUP BY network, processing_date, window_days) ANY LEFT JOIN (SELECT network,"
            + " processing_date, window_days, toUInt8(1) AS has_batch, status,"
            + " alert_scores_written FROM ");
    sql.add(METADATA).add(" FINAL");
    Conditions batches = new Conditions();
    network.ifPresent(n -> batches.add("network = ?", n));
    sql.where(batches);
    sql.add(
        ") USING (network, processing_date, window_days)"
            + " ORDER BY processing_date DESC, network ASC, window_days ASC LIMIT ?",
        limit);
    return query(sql, ClickHouseScoreRepository::liveSummary);
  }

  @Override
  public Page<AlertRanking> rankings(Scope scope, String date, int limit, int offset) {
    return page(
        RANKINGS,
        RANKING_COLUMNS,
        scope,
        date,
        "rank ASC, network ASC",
        limit,
        offset,
        ClickHouseScoreRepository::ranking);
  }

  @Override
  public Optional<Page<RankedAlert>> topRankings(Scope scope, int n) {
    Optional<String> latest = latestDate(scope);
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    String date = latest.get();
    Sql sql =
        new Sql(
            "SELECT network, toString(processing_date) AS pdate, window_days, rank, alert_id,"
                + " ranker_score, model_version, has_score, score, priority, address,"
                + " typology_type, explanation_json FROM (SELECT network, processing_date,"
                + " window_days, alert_id, rank, ranker_score, model_version FROM ");
    sql.add(RANKINGS).add(" FINAL");
    sql.where(selectedWindow(RANKINGS, scope, date));
    sql.add(
        ") ANY LEFT JOIN (SELECT network, processing_date, window_days, alert_id,"
            + " toUInt8(1) AS has_score, score, priority, address, typology_type,"
            + " explanation_json FROM ");
    sql.add(SCORES).add(" FINAL");
    sql.where(scopeConditions(scope, date, false));
    sql.add(
        ") USING (network, processing_date, window_days, alert_id)"
            + " ORDER BY rank ASC, network ASC LIMIT ?",
        n);
    List<RankedAlert> items = query(sql, ClickHouseScoreRepository::rankedAlert);
    return Optional.of(new Page<>(date, count(RANKINGS, scope, date), items));
  }

  @Override
  public Page<ClusterScore> clusterScores(Scope scope, String date, int limit, int offset) {
    return page(
        CLUSTERS,
        CLUSTER_COLUMNS,
        scope,
        date,
        "score DESC, network ASC, cluster_id ASC",
        limit,
        offset,
        ClickHouseScoreRepository::clusterScore);
  }

  @Override
  public List<BatchMetadata> metadata(Scope scope, String date) {
    Sql sql = new Sql("SELECT ").add(METADATA_COLUMNS).add(" FROM ").add(METADATA).add(" FINAL");
    sql.where(selectedWindow(METADATA, scope, date));
    sql.add(" ORDER BY network ASC");
    return query(sql, ClickHouseScoreRepository::metadata);
  }

  @Override
  public Optional<BatchMetadata> latestMetadata(Scope scope) {
    Sql sql = new Sql("SELECT ").add(METADATA_COLUMNS).add(" FROM ").add(METADATA).add(" FINAL");
    sql.where(scopeConditions(scope, null, true));
    if (scope.network().isPresent()) {
      sql.add(" ORDER BY processing_date DESC, window_days ASC LIMIT 1");
    } else {
      sql.add(
          " ORDER BY processed_at DESC, processing_date DESC, network ASC, window_days ASC"
              + " LIMIT 1");
    }
    return query(sql, ClickHouseScoreRepository::metadata).stream().findFirst();
  }

  @Override
  public List<BatchMetadata> metadataHistory(Scope scope, int limit) {
    Sql sql = new Sql("SELECT ").add(METADATA_COLUMNS).add(" FROM ").add(METADATA).add(" FINAL");
    sql.where(selectedWindow(METADATA, scope, null));
    sql.add(" ORDER BY processing_date DESC, network ASC, window_days ASC LIMIT ?", limit);
    return query(sql, ClickHouseScoreRepository::metadata);
  }

  // ---------------------------------------------------------------------------------------------
  // statement building

  private <T> Page<T> page(
      String table,
      String columns,
      Scope scope,
      String date,
      String order,
      int limit,
      int offset,
      RowMapper<T> mapper) {
    Objects.requireNonNull(date, "date");
    Sql sql = new Sql("SELECT ").add(columns).add(" FROM ").add(table).add(" FINAL");
    sql.where(selectedWindow(table, scope, date));
    sql.add(" ORDER BY ").add(order).add(" LIMIT ?, ?", offset, limit);
    List<T> items = query(sql, mapper);
    return new Page<>(date, count(table, scope, date), items);
  }

  private long count(String table, Scope scope, String date) {
    Sql sql = new Sql("SELECT count() FROM ").add(table).add(" FINAL");
    sql.where(selectedWindow(table, scope, date));
    return query(sql, rs -> rs.getLong(1)).get(0);
  }

  /**
   * Network and date filters of the scope, plus its window filter when {@code withWindow} and the
   * scope names one.
   */
  private static Conditions scopeConditions(Scope scope, String date, boolean withWindow) {
    Conditions conditions = new Conditions();
    scope.network().ifPresent(n -> conditions.add("network = ?", n));
    if (date != null) {
      conditions.add("processing_date = toDate(?)", date);
    }
    if (withWindow && scope.windowDays().isPresent()) {
      conditions.add("window_days = ?", scope.windowDays().getAsInt());
    }
    return conditions;
  }

  /**
   * The scope's filters on {@code table} with its window: the asked one, or else the smallest
   * window each (network, processing date) has in that table.
   */
  private static Conditions selectedWindow(String table, Scope scope, String date) {
    if (scope.windowDays().isPresent()) {
      return scopeConditions(scope, date, true);
    }
    Conditions inner = scopeConditions(scope, date, false);
    Conditions outer = scopeConditions(scope, date, false);
    Sql subquery =
        new Sql("(network, processing_date, window_days) IN (SELECT network, processing_date,")
            .add(" min(window_days) FROM ")
            .add(table)
            .add(" FINAL");
    subquery.where(inner);
    subquery.add(" GROUP BY network, processing_date)");
    return outer.add(subquery);
  }

  // ---------------------------------------------------------------------------------------------
  // row mapping

  private static AlertScore alertScore(ResultSet rs) throws SQLException {
    return new AlertScore(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getString("alert_id"),
        rs.getString("address"),
        rs.getString("typology_type"),
        rs.getDouble("score"),
        rs.getString("priority"),
        rs.getString("model_version"),
        rs.getString("model_sha256"),
        rs.getString("explanation_json"),
        rs.getDouble("latency_ms"),
        rs.getLong("processed_at"),
        rs.getLong("version"));
  }

  private static LiveAlertScore liveScore(ResultSet rs) throws SQLException {
    return new LiveAlertScore(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getString("alert_id"),
        rs.getString("address"),
        rs.getString("typology_type"),
        rs.getDouble("score"),
        rs.getString("priority"),
        rs.getString("model_version"),
        rs.getString("model_sha256"),
        rs.getString("explanation_json"),
        rs.getInt("features_missing") != 0,
        rs.getLong("received_at"),
        rs.getLong("scored_at"),
        rs.getDouble("latency_ms"),
        rs.getLong("version"));
  }

  private static LiveSummary liveSummary(ResultSet rs) throws SQLException {
    BatchStatus status = rs.getInt("has_batch") == 1 ? status(rs.getString("status")) : null;
    return new LiveSummary(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getLong("live_alerts"),
        rs.getLong("missing"),
        rs.getLong("last_scored_at"),
        status,
        status == BatchStatus.COMPLETED ? rs.getLong("alert_scores_written") : null);
  }

  private static AlertRanking ranking(ResultSet rs) throws SQLException {
    return new AlertRanking(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getInt("rank"),
        rs.getString("alert_id"),
        rs.getDouble("ranker_score"),
        rs.getString("model_version"),
        rs.getLong("processed_at"),
        rs.getLong("version"));
  }

  private static RankedAlert rankedAlert(ResultSet rs) throws SQLException {
    boolean scored = rs.getInt("has_score") == 1;
    return new RankedAlert(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getInt("rank"),
        rs.getString("alert_id"),
        rs.getDouble("ranker_score"),
        rs.getString("model_version"),
        scored,
        scored ? rs.getDouble("score") : 0.0,
        scored ? rs.getString("priority") : null,
        scored ? rs.getString("address") : null,
        scored ? rs.getString("typology_type") : null,
        scored ? rs.getString("explanation_json") : null);
  }

  private static ClusterScore clusterScore(ResultSet rs) throws SQLException {
    return new ClusterScore(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        rs.getString("cluster_id"),
        rs.getDouble("score"),
        rs.getString("priority"),
        rs.getInt("alert_count"),
        rs.getDouble("total_volume_usd"),
        rs.getString("model_version"),
        rs.getString("model_sha256"),
        rs.getLong("processed_at"),
        rs.getLong("version"));
  }

  private static BatchMetadata metadata(ResultSet rs) throws SQLException {
    return new BatchMetadata(
        rs.getString("network"),
        rs.getString("pdate"),
        rs.getInt("window_days"),
        status(rs.getString("status")),
        rs.getLong("alerts_received"),
        rs.getLong("features_received"),
        rs.getLong("clusters_received"),
        rs.getLong("money_flows_received"),
        rs.getLong("alerts_expected"),
        rs.getLong("features_expected"),
        rs.getLong("clusters_expected"),
        rs.getLong("money_flows_expected"),
        rs.getLong("alert_scores_written"),
        rs.getLong("rankings_written"),
        rs.getLong("cluster_scores_written"),
        rs.getDouble("assembly_ms"),
        rs.getDouble("feature_ms"),
        rs.getDouble("scoring_ms"),
        rs.getDouble("ranking_ms"),
        rs.getDouble("cluster_scoring_ms"),
        rs.getDouble("total_ms"),
        rs.getString("model_versions"),
        rs.getString("error_message"),
        rs.getLong("started_at"),
        rs.getLong("processed_at"),
        rs.getLong("version"));
  }

  private static BatchStatus status(String stored) {
    try {
      return BatchStatus.valueOf(stored.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("batch_metadata holds an unknown status '" + stored + "'", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // execution

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(Sql sql, RowMapper<T> mapper) {
    try (Connection connection = connections.open();
        PreparedStatement statement = connection.prepareStatement(sql.text())) {
      sql.bind(statement);
      try (ResultSet rs = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new RepositoryException(
          "ClickHouse query failed on " + serverName + ": " + e.getMessage(), e);
    }
  }

  /** Statement text plus its parameters, in order. */
  private static final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql(String fragment) {
      text.append(fragment);
    }

    /** Appends trusted text (never user input) and the values of its {@code ?} placeholders. */
    Sql add(String fragment, Object... values) {
      text.append(fragment);
      params.addAll(List.of(values));
      return this;
    }

    Sql where(Conditions conditions) {
      if (!conditions.isEmpty()) {
        text.append(" WHERE ");
        conditions.appendTo(this);
      }
      return this;
    }

    /** Conditions on sort-key columns only, which may filter before a FINAL merge. */
    Sql prewhere(Conditions conditions) {
      if (!conditions.isEmpty()) {
        text.append(" PREWHERE ");
        conditions.appendTo(this);
      }
      return this;
    }

    /**
     * {@code PREWHERE alert_id = ?} and, with a network, {@code WHERE network = ?}: the alert id is
     * a sort-key column, so filtering it before the FINAL merge keeps every version of a match.
     */
    Sql byAlertId(String alertId, Optional<String> network) {
      add(" PREWHERE alert_id = ?", alertId);
      network.ifPresent(n -> add(" WHERE network = ?", n));
      return this;
    }

    String text() {
      return text.toString();
    }

    void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < params.size(); i++) {
        Object value = params.get(i);
        int index = i + 1;
        if (value instanceof String s) {
          statement.setString(index, s);
        } else if (value instanceof Integer n) {
          statement.setInt(index, n);
        } else if (value instanceof Long n) {
          statement.setLong(index, n);
        } else {
          throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
        }
      }
    }
  }

  /** Conditions joined by AND, each with its parameters. */
  private static final class Conditions {
    private final List<Sql> parts = new ArrayList<>();

    Conditions add(String condition, Object... values) {
      parts.add(new Sql(condition).add("", values));
      return this;
    }

    Conditions add(Sql condition) {
      parts.add(condition);
      return this;
    }

    boolean isEmpty() {
      return parts.isEmpty();
    }

    void appendTo(Sql sql) {
      for (int i = 0; i < parts.size(); i++) {
        Sql part = parts.get(i);
        sql.add(i == 0 ? "" : " AND ").add(part.text(), part.params.toArray());
      }
    }
  }
}

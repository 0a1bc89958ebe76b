package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ScoreRepository} over the tables of the catalogue {@link Tables}, in SQL that runs on
 * ClickHouse 18.16 as well as on current releases. Column lists and row reading come from {@link
 * Tables}; this class writes only the filters and orders.
 *
 * <ul>
 *   <li><b>One run at a time, by its key prefix.</b> Every read of rows names a published run and
 *       filters {@code network = ? AND processing_date = ? AND window_days = ? AND run_id = ?}: the
 *       first four columns of every data table's sort key, so the primary index selects the run's
 *       granules and nothing else (no FINAL over the tables, no scan of other dates or runs).
 *   <li><b>Duplicates of a run.</b> The sinks are at-least-once: a row of a run may be stored twice
 *       (same key, same version) until a merge collapses it. Reads deduplicate with {@code ORDER BY
 *       key, version DESC LIMIT 1 BY key} over the selected range, not FINAL. Measured on 18.16
 *       with the {@code bench api} data (1M alerts per run, a page of 100 from a range of 1,000
 *       ids, two granules read, the machine busy with another build): server-side 10-21 ms with
 *       {@code LIMIT 1 BY} against 82 ms with {@code FINAL} on the same key range; 200 such queries
 *       in a row over HTTP averaged 23-30 ms against 35-37 ms.
 *   <li><b>Pages in key order.</b> Alert scores of a run are paged by {@code alert_id}, the sort
 *       key. ClickHouse 18.16 cannot stop reading at a LIMIT when it sorts, so {@code ORDER BY
 *       alert_id LIMIT offset, n} reads the whole run; instead each run's positions are indexed
 *       once, every {@value #POSITION_STEP}th distinct alert id ({@link RunPositions}, about 0.5 MB
 *       for a run of 1M alerts, held in memory: a published run never changes), and a page reads
 *       only {@code alert_id >= b[k] AND alert_id < b[j]}, about one granule.
 *   <li><b>Alert by id through {@code alert_score_index}.</b> Its key is (network, alert_id, ...):
 *       one granule gives every (date, window, run) holding the id; the current ones come from the
 *       catalogue, and the score is a point read with the full key of {@code alert_scores}.
 *   <li><b>PREWHERE on the key column a read selects by</b> ({@code alert_id}, {@code rank}): the
 *       primary index still narrows the read to the run's granules (it uses PREWHERE and WHERE
 *       alike), and the other columns (the explanation is most of a row's bytes) are read only for
 *       the rows that match, not for the whole granule of 8,192 rows. Measured on the bench data: a
 *       point read by alert id 5.0 MB read, 9-18 ms, with WHERE; 0.25 MB, 3-6 ms, with PREWHERE; a
 *       page of 100, 10.1 MB against 1.1 MB.
 *   <li>User input reaches the server only as bound {@link PreparedStatement} parameters; dates are
 *       compared with {@code toDate(?)}.
 * </ul>
 *
 * <p>{@link #forUrl} pools its connections ({@link ClickHouseConnectionPool}); a repository built
 * over a bare {@link ClickHouseConnectionFactory} opens and closes a connection per call.
 */
public final class ClickHouseScoreRepository implements ScoreRepository {

  private static final Table<AlertScore> SCORES = Tables.ALERT_SCORES;
  private static final Table<AlertRanking> RANKINGS = Tables.ALERT_RANKINGS;
  private static final Table<ClusterScore> CLUSTERS = Tables.CLUSTER_SCORES;
  private static final Table<BatchMetadata> METADATA = Tables.BATCH_METADATA;
  private static final Table<LiveAlertScore> LIVE = Tables.ALERT_LIVE_SCORES;
  private static final Table<WebhookDelivery> WEBHOOKS = Tables.WEBHOOK_DELIVERIES;
  private static final Table<PublishedRun> PUBLISHED = Tables.PUBLISHED_RUNS;
  private static final String INDEX = Tables.ALERT_SCORE_INDEX.name();

  /** Distinct alert ids between two indexed positions of a run. */
  static final int POSITION_STEP = 128;

  /** Runs whose positions are kept (about 0.5 MB each at 1M alerts); more are dropped. */
  private static final int MAX_INDEXED_RUNS = 256;

  /** Where connections come from; closing one gives it back. */
  @FunctionalInterface
  private interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /**
   * Every {@link #POSITION_STEP}th distinct alert id of a run, in order: {@code bounds[k]} is the
   * id at position {@code k * POSITION_STEP}.
   */
  record RunPositions(List<String> bounds) {}

  private final ConnectionSource connections;
  private final String serverName;
  private final AutoCloseable owned;
  private final Map<String, CompletableFuture<RunPositions>> positions = new ConcurrentHashMap<>();
  private final java.util.Queue<String> indexedOrder =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

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

  /**
   * A repository over the server at {@code jdbcUrl} as {@code user} with {@code password} (null:
   * the URL's or the server's default), with a pool of connections. The repository only reads, so a
   * user with a read-only profile is enough.
   */
  public static ClickHouseScoreRepository forUrl(String jdbcUrl, String user, String password) {
    return new ClickHouseScoreRepository(ClickHouseConnectionPool.forUrl(jdbcUrl, user, password));
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

  /** Both small tables with FINAL: one row per (network, date, window), one per run. */
  @Override
  public Catalogue catalogue() {
    List<PublishedRun> published =
        query(
            new Sql("SELECT ")
                .add(PUBLISHED.columnList())
                .add(" FROM ")
                .add(PUBLISHED.name())
                .add(" FINAL"),
            PUBLISHED::read);
    List<BatchMetadata> runs =
        query(
            new Sql("SELECT ")
                .add(METADATA.columnList())
                .add(" FROM ")
                .add(METADATA.name())
                .add(" FINAL"),
            METADATA::read);
    return new Catalogue(published, runs);
  }

  // ---------------------------------------------------------------------------------------------
  // rows of one run

  @Override
  public List<AlertScore> alertScores(PublishedRun run, long offset, int limit) {
    RunPositions at = positions(run);
    int first = (int) Math.min(offset / POSITION_STEP, Integer.MAX_VALUE);
    if (limit < 1 || first >= at.bounds().size()) {
      return List.of();
    }
    long last = offset + limit - 1;
    long upper = last / POSITION_STEP + 1;
    Sql sql = select(SCORES).add(" PREWHERE alert_id >= ?", at.bounds().get(first));
    if (upper < at.bounds().size()) {
      sql.add(" AND alert_id < ?", at.bounds().get((int) upper));
    }
    sql.where(run);
    sql.add(" ORDER BY alert_id ASC, version DESC LIMIT 1 BY alert_id LIMIT ?, ?");
    sql.params(offset - (long) first * POSITION_STEP, (long) limit);
    return query(sql, SCORES::read);
  }

  /** The positions of a run, computed once (concurrent callers wait for the same query). */
  RunPositions positions(PublishedRun run) {
    String key = runKey(run);
    CompletableFuture<RunPositions> mine = new CompletableFuture<>();
    CompletableFuture<RunPositions> known = positions.putIfAbsent(key, mine);
    if (known == null) {
      indexedOrder.add(key);
      while (positions.size() > MAX_INDEXED_RUNS) { // the run indexed longest ago goes first
        String eldest = indexedOrder.poll();
        if (eldest == null) {
          break;
        }
        positions.remove(eldest);
      }
      try {
        mine.complete(loadPositions(run));
      } catch (RuntimeException e) {
        positions.remove(key, mine);
        indexedOrder.remove(key);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return known.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * One query over the run's {@code alert_id} column: its distinct ids sorted, every step-th kept
   * ({@code rowNumberInAllBlocks()} numbers the rows of the single sorted stream the subquery's
   * ORDER BY yields). About 0.5 s for a run of 1M alerts on two cores, once per run.
   */
  private RunPositions loadPositions(PublishedRun run) {
    Sql sql =
        new Sql("SELECT alert_id FROM (SELECT DISTINCT alert_id FROM ")
            .add(SCORES.name())
            .where(run)
            .add(" ORDER BY alert_id) WHERE rowNumberInAllBlocks() % ")
            .add(String.valueOf(POSITION_STEP))
            .add(" = 0");
    List<String> bounds = query(sql, rs -> rs.getString(1));
    return new RunPositions(List.copyOf(bounds));
  }

  /** Indexes the run's positions now, if not yet done (the API calls it for new runs). */
  @Override
  public void prepare(PublishedRun run) {
    positions(run);
  }

  @Override
  public List<AlertRanking> rankings(PublishedRun run, long offset, int limit) {
    Sql sql = select(RANKINGS).add(" PREWHERE rank > ? AND rank <= ?", offset, offset + limit);
    sql.where(run);
    sql.add(" ORDER BY rank ASC, version DESC LIMIT 1 BY rank");
    return query(sql, RANKINGS::read);
  }

  /**
   * Ranks 1..n (a key range), then the scores of those alerts: {@code alert_id IN (the ranked ids)}
   * within the run's key prefix, one granule per alert (their ids are spread over the run). The API
   * caches the answer per run.
   */
  @Override
  public List<RankedAlert> topRankings(PublishedRun run, int n) {
    List<AlertRanking> ranked = rankings(run, 0, n);
    if (ranked.isEmpty()) {
      return List.of();
    }
    Sql sql = select(SCORES).add(" PREWHERE alert_id IN (SELECT alert_id FROM ");
    sql.add(RANKINGS.name()).where(run).add(" AND rank <= ?)", (long) n);
    sql.where(run);
    sql.add(" ORDER BY alert_id ASC, version DESC LIMIT 1 BY alert_id");
    Map<String, AlertScore> scores = new HashMap<>();
    for (AlertScore s : query(sql, SCORES::read)) {
      scores.put(s.alertId(), s);
    }
    List<RankedAlert> out = new ArrayList<>(ranked.size());
    for (AlertRanking r : ranked) {
      out.add(RankedAlert.of(r, scores.get(r.alertId())));
    }
    return out;
  }

  @Override
  public List<ClusterScore> clusterScores(PublishedRun run, long offset, int limit) {
    Sql sql = select(CLUSTERS).where(run);
    sql.add(" ORDER BY score DESC, cluster_id ASC, version DESC LIMIT 1 BY cluster_id LIMIT ?, ?");
    sql.params(offset, (long) limit);
    return query(sql, CLUSTERS::read);
  }

  /**
   * The run's clusters are read in key order (the run's prefix) and the member list searched as
   * text: a cluster row is small and a date has about one cluster per dozen alerts, so this reads
   * the run's cluster rows once, for one analyst's click, instead of keeping a membership index.
   */
  @Override
  public Optional<ClusterScore> clusterOf(AlertScore score) {
    Sql sql = select(CLUSTERS);
    sql.add(
        " WHERE network = ? AND processing_date = toDate(?) AND window_days = ? AND run_id = ?",
        score.network(),
        score.processingDate(),
        score.windowDays(),
        score.runId());
    sql.add(
        " AND position(alert_ids_json, ?) > 0",
        io.alertscoring.schemas.json.OutputJson.encode(score.alertId()));
    sql.add(" ORDER BY cluster_id ASC, version DESC LIMIT 1");
    return query(sql, CLUSTERS::read).stream().findFirst();
  }

  // ---------------------------------------------------------------------------------------------
  // one alert

  /**
   * The index's key (network, alert_id): a granule per network searched. Entries of runs that are
   * not current are dropped here; the best current one is read with the full key.
   */
  @Override
  public Optional<AlertScore> alertScore(
      String alertId, Optional<String> network, Catalogue catalogue) {
    List<String> networks = network.map(List::of).orElse(catalogue.networks());
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    Sql sql =
        new Sql("SELECT network, toString(processing_date), window_days, run_id FROM ")
            .add(INDEX)
            .add(" WHERE ");
    if (networks.size() == 1) {
      sql.add("network = ?", networks.get(0)); // cheaper to analyse than IN on 18.16
    } else {
      sql.add("network IN (");
      for (int i = 0; i < networks.size(); i++) {
        sql.add(i == 0 ? "?" : ", ?", networks.get(i));
      }
      sql.add(")");
    }
    sql.add(" AND alert_id = ?", alertId);
    List<PublishedRun> candidates = new ArrayList<>();
    for (PublishedRun entry :
        query(
            sql,
            rs ->
                catalogue
                    .current(rs.getString(1), rs.getString(2), rs.getInt(3))
                    .filter(p -> p.runId().equals(uncheckedString(rs, 4)))
                    .orElse(null))) {
      if (entry != null && !candidates.contains(entry)) {
        candidates.add(entry);
      }
    }
    candidates.sort(
        Comparator.comparing(PublishedRun::processingDate)
            .reversed()
            .thenComparingInt(PublishedRun::windowDays)
            .thenComparing(PublishedRun::network));
    for (PublishedRun run : candidates) {
      Sql point = select(SCORES).add(" PREWHERE alert_id = ?", alertId).where(run);
      point.add(" ORDER BY version DESC LIMIT 1");
      Optional<AlertScore> found = query(point, SCORES::read).stream().findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static String uncheckedString(ResultSet rs, int column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      throw new RepositoryException("could not read the alert index: " + e.getMessage(), e);
    }
  }

  /**
   * Through the key of {@code alert_live_scores}, (network, alert_id, ...): the alert id filters in
   * PREWHERE, which runs before the FINAL merge and is exact on a sort-key column.
   */
  @Override
  public Optional<LiveAlertScore> liveScore(String alertId, Optional<String> network) {
    Sql sql = select(LIVE).add(" FINAL PREWHERE alert_id = ?", alertId);
    network.ifPresent(n -> sql.add(" WHERE network = ?", n));
    sql.add(" ORDER BY processing_date DESC, window_days ASC, network ASC LIMIT 1");
    return query(sql, LIVE::read).stream().findFirst();
  }

  @Override
  public Page<LiveAlertScore> latestLiveScores(Optional<String> network, int limit, int offset) {
    Sql sql = select(LIVE).add(" FINAL");
    network.ifPresent(n -> sql.add(" WHERE network = ?", n));
    sql.add(
        " ORDER BY scored_at DESC, alert_id ASC, network ASC, processing_date DESC,"
            + " window_days ASC LIMIT ?, ?",
        (long) offset,
        (long) limit);
    List<LiveAlertScore> items = query(sql, LIVE::read);
    Sql count = new Sql("SELECT count() FROM ").add(LIVE.name()).add(" FINAL");
    network.ifPresent(n -> count.add(" WHERE network = ?", n));
    return Page.undated(query(count, rs -> rs.getLong(1)).get(0), items);
  }

  /**
   * The {@code limit} newest groups lie within the {@code limit} newest live dates, so only those
   * dates are merged with FINAL (a PREWHERE on a sort-key column, exact before the merge). The
   * batch's state is its newest run in the catalogue.
   */
  @Override
  public List<LiveSummary> liveSummary(Optional<String> network, int limit, Catalogue catalogue) {
    Sql sql =
        new Sql(
            "SELECT network, toString(processing_date), window_days, count(),"
                + " sum(features_missing), max(scored_at) FROM ");
    sql.add(LIVE.name()).add(" FINAL PREWHERE ");
    network.ifPresent(n -> sql.add("network = ? AND ", n));
    sql.add("processing_date >= (SELECT min(d) FROM (SELECT DISTINCT processing_date AS d FROM ");
    sql.add(LIVE.name());
    network.ifPresent(n -> sql.add(" WHERE network = ?", n));
    sql.add(" ORDER BY d DESC LIMIT ?))", (long) limit);
    sql.add(
        " GROUP BY network, processing_date, window_days"
            + " ORDER BY processing_date DESC, network ASC, window_days ASC LIMIT ?",
        (long) limit);
    return query(
        sql,
        rs -> {
          String net = rs.getString(1);
          String date = rs.getString(2);
          int window = rs.getInt(3);
          Optional<BatchMetadata> batch = catalogue.newestRun(net, date, window);
          BatchStatus status = batch.map(BatchMetadata::status).orElse(null);
          return new LiveSummary(
              net,
              date,
              window,
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6),
              status,
              status == BatchStatus.COMPLETED ? batch.get().alertScoresWritten() : null);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // statement building and execution

  @Override
  public List<WebhookDelivery> webhookDeliveries(
      Optional<String> endpointId, Optional<String> status, int limit) {
    Sql sql = select(WEBHOOKS).add(" FINAL WHERE 1 = 1");
    endpointId.ifPresent(e -> sql.add(" AND endpoint_id = ?", e));
    status.ifPresent(st -> sql.add(" AND status = ?", st));
    sql.add(" ORDER BY settled_at DESC, endpoint_id ASC, dedup_key ASC LIMIT ?", (long) limit);
    return query(sql, WEBHOOKS::read);
  }

  @Override
  public List<WebhookEndpointSummary> webhookEndpoints() {
    Sql sql =
        new Sql(
            "SELECT endpoint_id, countIf(status = 'DELIVERED'), countIf(status = 'FAILED'),"
                + " sum(attempts), quantileExactIf(0.5)(latency_ms, status = 'DELIVERED'),"
                + " quantileExactIf(0.99)(latency_ms, status = 'DELIVERED'), max(settled_at) FROM ");
    sql.add(WEBHOOKS.name()).add(" FINAL GROUP BY endpoint_id ORDER BY endpoint_id");
    return query(
        sql,
        rs ->
            new WebhookEndpointSummary(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                finite(rs.getDouble(5)),
                finite(rs.getDouble(6)),
                rs.getLong(7)));
  }

  /** ClickHouse answers nan for the quantile of no rows; JSON has no nan. */
  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  private static Sql select(Table<?> table) {
    return new Sql("SELECT ").add(table.columnList()).add(" FROM ").add(table.name());
  }

  private static String runKey(PublishedRun run) {
    return run.network()
        + "\u0000"
        + run.processingDate()
        + "\u0000"
        + run.windowDays()
        + "\u0000"
        + run.runId();
  }

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

    /** Values of placeholders already in the text. */
    Sql params(Object... values) {
      params.addAll(List.of(values));
      return this;
    }

    /** {@code WHERE} on the run's key prefix: (network, processing_date, window_days, run_id). */
    Sql where(PublishedRun run) {
      return add(
          " WHERE network = ? AND processing_date = toDate(?) AND window_days = ? AND run_id = ?",
          run.network(),
          run.processingDate(),
          run.windowDays(),
          run.runId());
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

  /** For tests: forget the runs' positions. */
  void forgetPositions() {
    positions.clear();
    indexedOrder.clear();
  }

  /** For tests and the bench: how many runs have their positions in memory. */
  int indexedRuns() {
    return positions.size();
  }
}

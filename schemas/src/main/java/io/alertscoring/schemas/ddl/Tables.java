package io.alertscoring.schemas.ddl;

import static io.alertscoring.schemas.ddl.ColumnType.DATE;
import static io.alertscoring.schemas.ddl.ColumnType.FLOAT64;
import static io.alertscoring.schemas.ddl.ColumnType.FLOAT64_EXACT;
import static io.alertscoring.schemas.ddl.ColumnType.STRING;
import static io.alertscoring.schemas.ddl.ColumnType.UINT16;
import static io.alertscoring.schemas.ddl.ColumnType.UINT32;
import static io.alertscoring.schemas.ddl.ColumnType.UINT64;
import static io.alertscoring.schemas.ddl.ColumnType.UINT8_FLAG;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.output.AlertIndexEntry;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.util.List;
import java.util.function.Function;

/**
 * The one catalogue of the product's output tables and their columns: the job's sinks, the API's
 * repository, the validator and the tests take DDL, INSERT statements, bindings and row reading
 * from here.
 *
 * <p>Every publication of a batch is a run ({@code run_id}). The data tables are sorted by {@code
 * (network, processing_date, window_days, run_id, ...)}, so a read of one run of one date is a
 * key-prefix range. {@link #PUBLISHED_RUNS} points at each date's current run and is written only
 * after the run's rows are stored; readers filter on it (ADR 0006). ReplacingMergeTree with a
 * version still absorbs the at-least-once sinks' duplicate rows within a run.
 */
public final class Tables {
  private Tables() {}

  private static final String PARTITIONED =
      " PARTITION BY toYYYYMM(processing_date) ORDER BY (network, processing_date, window_days,"
          + " run_id";

  private static <T> Column<T> col(String name, ColumnType type, Function<T, ?> value) {
    return new Column<>(name, type, value);
  }

  public static final Table<AlertScore> ALERT_SCORES =
      new Table<>(
          "alert_scores",
          List.of(
              col("network", STRING, AlertScore::network),
              col("processing_date", DATE, AlertScore::processingDate),
              col("window_days", UINT16, AlertScore::windowDays),
              col("run_id", STRING, AlertScore::runId),
              col("alert_id", STRING, AlertScore::alertId),
              col("address", STRING, AlertScore::address),
              col("typology_type", STRING, AlertScore::typologyType),
              col("volume_usd", FLOAT64, AlertScore::volumeUsd),
              col("score", FLOAT64_EXACT, AlertScore::score),
              col("priority", STRING, AlertScore::priority),
              col("model_version", STRING, AlertScore::modelVersion),
              col("model_sha256", STRING, AlertScore::modelSha256),
              col("explanation_json", STRING, AlertScore::explanationJson),
              col("latency_ms", FLOAT64, AlertScore::latencyMs),
              col("processed_at", UINT64, AlertScore::processedAt),
              col("version", UINT64, AlertScore::version)),
          "ReplacingMergeTree(version)" + PARTITIONED + ", alert_id)",
          r ->
              new AlertScore(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  r.string("alert_id"),
                  r.string("address"),
                  r.string("typology_type"),
                  r.float64("volume_usd"),
                  r.float64("score"),
                  r.string("priority"),
                  r.string("model_version"),
                  r.string("model_sha256"),
                  r.string("explanation_json"),
                  r.float64("latency_ms"),
                  r.int64("processed_at"),
                  r.int64("version")));

  public static final Table<AlertRanking> ALERT_RANKINGS =
      new Table<>(
          "alert_rankings",
          List.of(
              col("network", STRING, AlertRanking::network),
              col("processing_date", DATE, AlertRanking::processingDate),
              col("window_days", UINT16, AlertRanking::windowDays),
              col("run_id", STRING, AlertRanking::runId),
              col("rank", UINT32, AlertRanking::rank),
              col("alert_id", STRING, AlertRanking::alertId),
              col("ranker_score", FLOAT64_EXACT, AlertRanking::rankerScore),
              col("model_version", STRING, AlertRanking::modelVersion),
              col("processed_at", UINT64, AlertRanking::processedAt),
              col("version", UINT64, AlertRanking::version)),
          "ReplacingMergeTree(version)" + PARTITIONED + ", rank)",
          r ->
              new AlertRanking(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  r.int32("rank"),
                  r.string("alert_id"),
                  r.float64("ranker_score"),
                  r.string("model_version"),
                  r.int64("processed_at"),
                  r.int64("version")));

  public static final Table<ClusterScore> CLUSTER_SCORES =
      new Table<>(
          "cluster_scores",
          List.of(
              col("network", STRING, ClusterScore::network),
              col("processing_date", DATE, ClusterScore::processingDate),
              col("window_days", UINT16, ClusterScore::windowDays),
              col("run_id", STRING, ClusterScore::runId),
              col("cluster_id", STRING, ClusterScore::clusterId),
              col("score", FLOAT64_EXACT, ClusterScore::score),
              col("priority", STRING, ClusterScore::priority),
              col("alert_count", UINT32, ClusterScore::alertCount),
              col("total_volume_usd", FLOAT64, ClusterScore::totalVolumeUsd),
              col("alert_ids_json", STRING, ClusterScore::alertIdsJson),
              col("model_version", STRING, ClusterScore::modelVersion),
              col("model_sha256", STRING, ClusterScore::modelSha256),
              col("processed_at", UINT64, ClusterScore::processedAt),
              col("version", UINT64, ClusterScore::version)),
          "ReplacingMergeTree(version)" + PARTITIONED + ", cluster_id)",
          r ->
              new ClusterScore(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  r.string("cluster_id"),
                  r.float64("score"),
                  r.string("priority"),
                  r.int32("alert_count"),
                  r.float64("total_volume_usd"),
                  r.string("alert_ids_json"),
                  r.string("model_version"),
                  r.string("model_sha256"),
                  r.int64("processed_at"),
                  r.int64("version")));

  /**
   * One row per run: PROCESSING when its first record arrives, then COMPLETED or FAILED with a
   * higher version. Keyed by run, so a failed replay never hides the date's good run.
   */
  public static final Table<BatchMetadata> BATCH_METADATA =
      new Table<>(
          "batch_metadata",
          List.of(
              col("network", STRING, BatchMetadata::network),
              col("processing_date", DATE, BatchMetadata::processingDate),
              col("window_days", UINT16, BatchMetadata::windowDays),
              col("run_id", STRING, BatchMetadata::runId),
              col("status", STRING, (BatchMetadata m) -> m.status().name()),
              col("alerts_received", UINT64, BatchMetadata::alertsReceived),
              col("features_received", UINT64, BatchMetadata::featuresReceived),
              col("clusters_received", UINT64, BatchMetadata::clustersReceived),
              col("money_flows_received", UINT64, BatchMetadata::moneyFlowsReceived),
              col("alerts_expected", UINT64, BatchMetadata::alertsExpected),
              col("features_expected", UINT64, BatchMetadata::featuresExpected),
              col("clusters_expected", UINT64, BatchMetadata::clustersExpected),
              col("money_flows_expected", UINT64, BatchMetadata::moneyFlowsExpected),
              col("alert_scores_written", UINT64, BatchMetadata::alertScoresWritten),
              col("rankings_written", UINT64, BatchMetadata::rankingsWritten),
              col("cluster_scores_written", UINT64, BatchMetadata::clusterScoresWritten),
              col("assembly_ms", FLOAT64, BatchMetadata::assemblyMs),
              col("feature_ms", FLOAT64, BatchMetadata::featureMs),
              col("scoring_ms", FLOAT64, BatchMetadata::scoringMs),
              col("ranking_ms", FLOAT64, BatchMetadata::rankingMs),
              col("cluster_scoring_ms", FLOAT64, BatchMetadata::clusterScoringMs),
              col("total_ms", FLOAT64, BatchMetadata::totalMs),
              col("model_versions", STRING, BatchMetadata::modelVersions),
              col("error_message", STRING, BatchMetadata::errorMessage),
              col("started_at", UINT64, BatchMetadata::startedAt),
              col("processed_at", UINT64, BatchMetadata::processedAt),
              col("version", UINT64, BatchMetadata::version)),
          "ReplacingMergeTree(version)" + PARTITIONED + ")",
          r ->
              new BatchMetadata(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  BatchStatus.valueOf(r.string("status")),
                  r.int64("alerts_received"),
                  r.int64("features_received"),
                  r.int64("clusters_received"),
                  r.int64("money_flows_received"),
                  r.int64("alerts_expected"),
                  r.int64("features_expected"),
                  r.int64("clusters_expected"),
                  r.int64("money_flows_expected"),
                  r.int64("alert_scores_written"),
                  r.int64("rankings_written"),
                  r.int64("cluster_scores_written"),
                  r.float64("assembly_ms"),
                  r.float64("feature_ms"),
                  r.float64("scoring_ms"),
                  r.float64("ranking_ms"),
                  r.float64("cluster_scoring_ms"),
                  r.float64("total_ms"),
                  r.string("model_versions"),
                  r.string("error_message"),
                  r.int64("started_at"),
                  r.int64("processed_at"),
                  r.int64("version")));

  /**
   * Live scores, one row per alert (a re-score, or a later run's live score, replaces the earlier
   * row by version). Sorted by alert id within a network: the API looks a live score up by id.
   */
  public static final Table<LiveAlertScore> ALERT_LIVE_SCORES =
      new Table<>(
          "alert_live_scores",
          List.of(
              col("network", STRING, LiveAlertScore::network),
              col("processing_date", DATE, LiveAlertScore::processingDate),
              col("window_days", UINT16, LiveAlertScore::windowDays),
              col("run_id", STRING, LiveAlertScore::runId),
              col("alert_id", STRING, LiveAlertScore::alertId),
              col("address", STRING, LiveAlertScore::address),
              col("typology_type", STRING, LiveAlertScore::typologyType),
              col("score", FLOAT64_EXACT, LiveAlertScore::score),
              col("priority", STRING, LiveAlertScore::priority),
              col("model_version", STRING, LiveAlertScore::modelVersion),
              col("model_sha256", STRING, LiveAlertScore::modelSha256),
              col("explanation_json", STRING, LiveAlertScore::explanationJson),
              col("features_missing", UINT8_FLAG, LiveAlertScore::featuresMissing),
              col("received_at", UINT64, LiveAlertScore::receivedAt),
              col("scored_at", UINT64, LiveAlertScore::scoredAt),
              col("latency_ms", FLOAT64, LiveAlertScore::latencyMs),
              col("version", UINT64, LiveAlertScore::version)),
          "ReplacingMergeTree(version) PARTITION BY toYYYYMM(processing_date)"
              + " ORDER BY (network, alert_id, processing_date, window_days)",
          r ->
              new LiveAlertScore(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  r.string("alert_id"),
                  r.string("address"),
                  r.string("typology_type"),
                  r.float64("score"),
                  r.string("priority"),
                  r.string("model_version"),
                  r.string("model_sha256"),
                  r.string("explanation_json"),
                  r.flag("features_missing"),
                  r.int64("received_at"),
                  r.int64("scored_at"),
                  r.float64("latency_ms"),
                  r.int64("version")));

  /**
   * The current run of each batch: one small row per date, the catalogue of networks and dates the
   * API caches. Not partitioned: 30 dates of 10 networks are 300 rows.
   */
  public static final Table<PublishedRun> PUBLISHED_RUNS =
      new Table<>(
          "published_runs",
          List.of(
              col("network", STRING, PublishedRun::network),
              col("processing_date", DATE, PublishedRun::processingDate),
              col("window_days", UINT16, PublishedRun::windowDays),
              col("run_id", STRING, PublishedRun::runId),
              col("alert_scores", UINT64, PublishedRun::alertScores),
              col("rankings", UINT64, PublishedRun::rankings),
              col("cluster_scores", UINT64, PublishedRun::clusterScores),
              col("model_versions", STRING, PublishedRun::modelVersions),
              col("closed_at", UINT64, PublishedRun::closedAt),
              col("published_at", UINT64, PublishedRun::publishedAt),
              col("version", UINT64, PublishedRun::version)),
          "ReplacingMergeTree(version) ORDER BY (network, processing_date, window_days)",
          r ->
              new PublishedRun(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id"),
                  r.int64("alert_scores"),
                  r.int64("rankings"),
                  r.int64("cluster_scores"),
                  r.string("model_versions"),
                  r.int64("closed_at"),
                  r.int64("published_at"),
                  r.int64("version")));

  /**
   * Alert id to (date, window, run): filled by {@link #ALERT_SCORE_INDEX_VIEW} on every insert into
   * {@code alert_scores}, so no writer has to keep it in step.
   */
  public static final Table<AlertIndexEntry> ALERT_SCORE_INDEX =
      new Table<>(
          "alert_score_index",
          List.of(
              col("network", STRING, AlertIndexEntry::network),
              col("alert_id", STRING, AlertIndexEntry::alertId),
              col("processing_date", DATE, AlertIndexEntry::processingDate),
              col("window_days", UINT16, AlertIndexEntry::windowDays),
              col("run_id", STRING, AlertIndexEntry::runId)),
          "ReplacingMergeTree() PARTITION BY toYYYYMM(processing_date)"
              + " ORDER BY (network, alert_id, processing_date, window_days, run_id)",
          r ->
              new AlertIndexEntry(
                  r.string("network"),
                  r.string("alert_id"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("run_id")));

  /** The materialized view that keeps {@link #ALERT_SCORE_INDEX} in step with the scores. */
  public static final String ALERT_SCORE_INDEX_VIEW =
      "CREATE MATERIALIZED VIEW IF NOT EXISTS alert_score_index_mv TO alert_score_index AS SELECT"
          + " network, alert_id, processing_date, window_days, run_id FROM alert_scores";

  /**
   * The webhook dispatcher's delivery ledger: one settled outcome per (endpoint, dedup key), the
   * newest by version. Not partitioned, so one key's rows always merge (a key's events can carry
   * different processing dates); it holds only notified keys, a few per thousand alerts. Not
   * run-scoped: a replay must not forget what was already notified.
   */
  public static final Table<WebhookDelivery> WEBHOOK_DELIVERIES =
      new Table<>(
          "webhook_deliveries",
          List.of(
              col("endpoint_id", STRING, WebhookDelivery::endpointId),
              col("dedup_key", STRING, WebhookDelivery::dedupKey),
              col("event_id", STRING, WebhookDelivery::eventId),
              col("entity_type", STRING, WebhookDelivery::entityType),
              col("network", STRING, WebhookDelivery::network),
              col("processing_date", DATE, WebhookDelivery::processingDate),
              col("entity_id", STRING, WebhookDelivery::entityId),
              col("priority", STRING, WebhookDelivery::priority),
              col("source", STRING, WebhookDelivery::source),
              col("run_id", STRING, WebhookDelivery::runId),
              col("status", STRING, WebhookDelivery::status),
              col("attempts", UINT16, WebhookDelivery::attempts),
              col("http_status", UINT16, WebhookDelivery::httpStatus),
              col("latency_ms", FLOAT64, WebhookDelivery::latencyMs),
              col("first_attempt_at", UINT64, WebhookDelivery::firstAttemptAt),
              col("settled_at", UINT64, WebhookDelivery::settledAt),
              col("error", STRING, WebhookDelivery::error),
              col("version", UINT64, WebhookDelivery::version)),
          "ReplacingMergeTree(version) ORDER BY (endpoint_id, dedup_key)",
          r ->
              new WebhookDelivery(
                  r.string("endpoint_id"),
                  r.string("dedup_key"),
                  r.string("event_id"),
                  r.string("entity_type"),
                  r.string("network"),
                  r.string("processing_date"),
                  r.string("entity_id"),
                  r.string("priority"),
                  r.string("source"),
                  r.string("run_id"),
                  r.string("status"),
                  r.int32("attempts"),
                  r.int32("http_status"),
                  r.float64("latency_ms"),
                  r.int64("first_attempt_at"),
                  r.int64("settled_at"),
                  r.string("error"),
                  r.int64("version")));

  /**
   * The upstream ground-truth table {@code core_address_labels} (a SOT mirror, not an output): one
   * label per address, the newest by {@code _version}, which is the label's processing date as a
   * day number, so a later label supersedes an earlier one. The demo of {@code local} writes the
   * generator's labels here so that {@code validate} can judge its runs against ground truth.
   */
  public static final Table<AddressLabel> ADDRESS_LABELS =
      new Table<>(
          "core_address_labels",
          List.of(
              col("network", STRING, AddressLabel::network),
              col("processing_date", DATE, AddressLabel::processingDate),
              col("window_days", UINT16, AddressLabel::windowDays),
              col("address", STRING, AddressLabel::address),
              col("label", STRING, AddressLabel::label),
              col("address_type", STRING, AddressLabel::addressType),
              col("risk_level", STRING, l -> l.riskLevel().wireName()),
              col("confidence_score", FLOAT64, AddressLabel::confidenceScore),
              col("source", STRING, AddressLabel::source),
              col(
                  "_version",
                  UINT64,
                  l -> java.time.LocalDate.parse(l.processingDate()).toEpochDay())),
          "ReplacingMergeTree(_version) ORDER BY (network, address)",
          r ->
              new AddressLabel(
                  r.string("network"),
                  r.string("processing_date"),
                  r.int32("window_days"),
                  r.string("address"),
                  r.string("label"),
                  r.string("address_type"),
                  Severity.fromWire(r.string("risk_level")),
                  r.float64("confidence_score"),
                  r.string("source")));

  /** The output tables, in creation order (the index before the view that feeds it). */
  public static final List<Table<?>> OUTPUT =
      List.of(
          ALERT_SCORES,
          ALERT_RANKINGS,
          CLUSTER_SCORES,
          BATCH_METADATA,
          ALERT_LIVE_SCORES,
          PUBLISHED_RUNS,
          ALERT_SCORE_INDEX,
          WEBHOOK_DELIVERIES);

  /**
   * The output table called {@code name}. Serialised job graphs refer to tables by name: the column
   * functions are not serialisable, and need not be.
   */
  @SuppressWarnings("unchecked")
  public static <T> Table<T> byName(String name) {
    Table<?> table = BY_NAME.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no output table " + name);
    }
    return (Table<T>) table;
  }

  // A map, not a search: a sink's statement builder looks its table up for every row it binds.
  private static final java.util.Map<String, Table<?>> BY_NAME =
      OUTPUT.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Table::name, t -> t));

  /**
   * Columns added to a table after its first layout ({@code table.column}), with the value rows
   * stored before read in them. The job adds a missing one in place ({@link
   * ClickHouseDdl#addColumn}); any other missing column (a key column) stops it.
   */
  public static final java.util.Map<String, String> ADDED_COLUMN_DEFAULTS =
      java.util.Map.of(
          "alert_scores.volume_usd", "nan",
          "cluster_scores.alert_ids_json", "'[]'");

  /** The tables whose rows belong to a run and are removed when the run is superseded. */
  public static final List<Table<?>> RUN_SCOPED =
      List.of(ALERT_SCORES, ALERT_RANKINGS, CLUSTER_SCORES, ALERT_SCORE_INDEX);
}

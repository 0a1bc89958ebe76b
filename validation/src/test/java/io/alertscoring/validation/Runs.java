package io.alertscoring.validation;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builders of in-memory runs, labels and metadata for the tests. */
public final class Runs {
  public static final BatchKey BATCH = new BatchKey("ethereum", "2026-01-05", 7);

  private Runs() {}

  public static String id(int i) {
    return String.format("a-%03d", i);
  }

  public static String address(int i) {
    return String.format("0xaddr%03d", i);
  }

  public static AlertScore score(int i, double score) {
    return score(BATCH, i, score, 12.0);
  }

  public static AlertScore score(BatchKey batch, int i, double score, double latencyMs) {
    return new AlertScore(
        batch.network(),
        batch.processingDate(),
        batch.windowDays(),
        "r1",
        id(i),
        address(i),
        "layering",
        1_000.0,
        score,
        score >= 0.7 ? "high" : score >= 0.4 ? "medium" : "low",
        "v1",
        "ab".repeat(32),
        "[{\"feature\":\"x\",\"value\":1.0,\"contribution\":0.1}]",
        latencyMs,
        1_000L,
        1L);
  }

  public static List<AlertScore> scores(double... values) {
    List<AlertScore> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(score(i, values[i]));
    }
    return list;
  }

  /**
   * {@code n} alerts: the even ones are positives scored 0.55 + ..., the odd ones negatives scored
   * below 0.5, a perfect separation with a median near 0.5.
   */
  public static double[] separated(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 2 == 0 ? 0.55 + 0.4 * i / n : 0.05 + 0.4 * i / n;
    }
    return values;
  }

  public static ScoringRun run(String source, List<AlertScore> scores) {
    return new ScoringRun(source, scores, Set.of(), Optional.empty());
  }

  public static ScoringRun run(List<AlertScore> scores) {
    return run("memory:a", scores);
  }

  public static ScoringRun withMetadata(ScoringRun run, BatchStatus status, long received) {
    return new ScoringRun(
        run.source(),
        run.scores(),
        run.missingColumns(),
        Optional.of(metadata(BATCH, status, received, run.scores().size())));
  }

  public static BatchMetadata metadata(
      BatchKey batch, BatchStatus status, long received, long written) {
    return new BatchMetadata(
        batch.network(),
        batch.processingDate(),
        batch.windowDays(),
        "r1",
        status,
        received,
        received,
        0,
        0,
        received,
        received,
        0,
        0,
        written,
        written,
        0,
        1,
        1,
        1,
        1,
        1,
        5,
        "{}",
        "",
        1,
        2,
        3);
  }

  public static AddressLabel label(String network, String address, boolean positive) {
    return new AddressLabel(
        network,
        "2026-01-20",
        7,
        address,
        positive ? "scam" : "benign",
        "eoa",
        positive ? Severity.HIGH : Severity.LOW,
        0.9,
        "test");
  }

  /** Labels for the given alert indices: positive for the even ones. */
  public static LabelSet evenPositive(int n) {
    Map<String, AddressLabel> labels = new HashMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(address(i), label(BATCH.network(), address(i), i % 2 == 0));
    }
    return new LabelSet("memory labels", labels);
  }

  public static InputAlerts inputs(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(id(i));
    }
    return new InputAlerts("memory alerts", ids);
  }

  /** A run with every piece of evidence, all of it good. */
  public static ValidationInput fullyEvidenced(int n) {
    List<AlertScore> scores = scores(separated(n));
    return ValidationInput.of(BATCH, withMetadata(run(scores), BatchStatus.COMPLETED, n))
        .withInputAlerts(inputs(n))
        .withRerun(run("memory:rerun", scores))
        .withLabels(evenPositive(n))
        .withTraps(List.of());
  }
}

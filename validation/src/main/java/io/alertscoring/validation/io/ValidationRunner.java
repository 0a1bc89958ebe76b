package io.alertscoring.validation.io;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.validation.Comparison;
import io.alertscoring.validation.ComparisonReport;
import io.alertscoring.validation.InputAlerts;
import io.alertscoring.validation.LabelSet;
import io.alertscoring.validation.OtherSubmission;
import io.alertscoring.validation.ScoringRun;
import io.alertscoring.validation.Trap;
import io.alertscoring.validation.ValidationInput;
import io.alertscoring.validation.ValidationReport;
import io.alertscoring.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gathers the evidence named on the command line and runs {@link Validator} or {@link Comparison}.
 * Sources are given as "specs": a {@code jdbc:clickhouse://} URL or a JSONL scores file path (see
 * {@link ScoreSource#open(String)}).
 *
 * <p>Where evidence comes from, in order of preference:
 *
 * <ul>
 *   <li>labels: {@code labelsFile}, else {@code labelsUrl}, else the scores' own ClickHouse ({@code
 *       core_address_labels}); else none, and ground truth is not evaluated;
 *   <li>input alert ids: {@code alertsFile}, else {@code analyzers_alerts} in the scores'
 *       ClickHouse when it holds the batch; else none, and the id comparison is not evaluated;
 *   <li>the window: {@code windowDays}, else the only stored window of the date, else the smallest
 *       one (noted in the report, as the query API does).
 * </ul>
 */
public final class ValidationRunner {

  /** Everything {@code alert-scoring validate} takes. Nullable fields are optional. */
  public record ValidateRequest(
      String scores,
      String network,
      String date,
      Integer windowDays,
      Path labelsFile,
      String labelsUrl,
      Path alertsFile,
      String rerun,
      List<String> otherScores,
      Path trapsFile) {
    public ValidateRequest {
      otherScores = otherScores == null ? List.of() : List.copyOf(otherScores);
    }
  }

  /** Everything {@code alert-scoring compare} takes. Nullable fields are optional. */
  public record CompareRequest(
      String a,
      String b,
      String network,
      List<String> dates,
      Integer windowDays,
      Path labelsFile,
      String labelsUrl,
      Path alertsFile,
      Path trapsFile,
      Comparison.Options options) {
    public CompareRequest {
      dates = List.copyOf(dates);
    }
  }

  public ValidationReport validate(ValidateRequest request) {
    ScoreSource primary = ScoreSource.open(request.scores());
    List<String> notes = new ArrayList<>();
    BatchKey batch =
        resolveBatch(
            List.of(primary), request.network(), request.date(), request.windowDays(), notes);
    ScoringRun run = primary.read(batch);
    ValidationInput input = ValidationInput.of(batch, run);
    input =
        input.withLabels(
            labels(request.labelsFile(), request.labelsUrl(), List.of(primary), batch, run));
    Optional<InputAlerts> alerts = inputAlerts(request.alertsFile(), primary, batch);
    if (alerts.isPresent()) {
      input = input.withInputAlerts(alerts.get());
    }
    if (request.rerun() != null) {
      input = input.withRerun(ScoreSource.open(request.rerun()).read(batch));
    }
    if (request.trapsFile() != null) {
      input = input.withTraps(InputFiles.traps(request.trapsFile()));
    }
    List<OtherSubmission> others = new ArrayList<>();
    for (String spec : request.otherScores()) {
      ScoreSource source = ScoreSource.open(spec);
      Map<String, Double> byId = new HashMap<>();
      for (AlertScore s : source.read(batch).scores()) {
        byId.put(s.alertId(), s.score());
      }
      others.add(new OtherSubmission(source.description(), byId));
    }
    if (run.scores().isEmpty()) {
      notes.add("the source holds no scores for " + batch);
    }
    return new Validator().validate(input.withOthers(others).withNotes(notes));
  }

  public ComparisonReport compare(CompareRequest request) {
    ScoreSource a = ScoreSource.open(request.a());
    ScoreSource b = ScoreSource.open(request.b());
    List<Trap> traps = request.trapsFile() == null ? null : InputFiles.traps(request.trapsFile());
    List<ValidationInput> inputsA = new ArrayList<>();
    List<ValidationInput> inputsB = new ArrayList<>();
    for (String date : request.dates()) {
      List<String> notes = new ArrayList<>();
      BatchKey batch =
          resolveBatch(List.of(a, b), request.network(), date, request.windowDays(), notes);
      ScoringRun runA = a.read(batch);
      ScoringRun runB = b.read(batch);
      List<AlertScore> both = new ArrayList<>(runA.scores());
      both.addAll(runB.scores());
      ScoringRun union = new ScoringRun("both", both, Set.of(), Optional.empty());
      LabelSet labels =
          labels(request.labelsFile(), request.labelsUrl(), List.of(a, b), batch, union);
      Optional<InputAlerts> alerts = inputAlerts(request.alertsFile(), a, batch);
      if (alerts.isEmpty()) {
        alerts = inputAlerts(null, b, batch);
      }
      ValidationInput inA = ValidationInput.of(batch, runA).withLabels(labels).withNotes(notes);
      ValidationInput inB = ValidationInput.of(batch, runB).withLabels(labels).withNotes(notes);
      if (alerts.isPresent()) {
        inA = inA.withInputAlerts(alerts.get());
        inB = inB.withInputAlerts(alerts.get());
      }
      if (traps != null) {
        inA = inA.withTraps(traps);
        inB = inB.withTraps(traps);
      }
      inputsA.add(inA);
      inputsB.add(inB);
    }
    return new Comparison().compare(inputsA, inputsB, request.options());
  }

  private static BatchKey resolveBatch(
      List<ScoreSource> sources, String network, String date, Integer window, List<String> notes) {
    if (window != null) {
      return new BatchKey(network, date, window);
    }
    Set<Integer> windows = new TreeSet<>();
    for (ScoreSource source : sources) {
      windows.addAll(source.windows(network, date));
    }
    if (windows.isEmpty()) {
      throw new ValidationException(
          "no scores or batch metadata for network "
              + network
              + " on "
              + date
              + " in "
              + String.join(" or ", sources.stream().map(ScoreSource::description).toList()));
    }
    int chosen = windows.iterator().next();
    if (windows.size() > 1) {
      notes.add(
          "windows stored for this date: "
              + windows
              + "; validated the smallest, "
              + chosen
              + " days (choose with --window-days)");
    }
    return new BatchKey(network, date, chosen);
  }

  private static LabelSet labels(
      Path labelsFile,
      String labelsUrl,
      List<ScoreSource> sources,
      BatchKey batch,
      ScoringRun run) {
    if (labelsFile != null) {
      return InputFiles.labels(labelsFile, batch.network());
    }
    List<String> addresses = run.scores().stream().map(AlertScore::address).toList();
    if (labelsUrl != null) {
      return new ClickHouseStore(labelsUrl).labels(batch.network(), addresses);
    }
    for (ScoreSource source : sources) {
      if (source instanceof ClickHouseStore store) {
        return store.labels(batch.network(), addresses);
      }
    }
    return LabelSet.none(
        "no labels source: give --labels-file, --labels-url, or scores in a ClickHouse that has"
            + " core_address_labels");
  }

  private static Optional<InputAlerts> inputAlerts(
      Path alertsFile, ScoreSource source, BatchKey batch) {
    if (alertsFile != null) {
      return Optional.of(InputFiles.alerts(alertsFile, batch));
    }
    if (source instanceof ClickHouseStore store) {
      return store.inputAlerts(batch);
    }
    return Optional.empty();
  }
}

package io.alertscoring.validation;

import io.alertscoring.schemas.BatchKey;
import java.util.List;
import java.util.Optional;

/**
 * Everything the validator looks at for one batch. Only {@code batch} and {@code run} are mandatory
 * evidence; every optional piece that is absent turns the checks needing it into {@code
 * NOT_EVALUATED}.
 *
 * @param batch the batch judged
 * @param run the stored scoring run
 * @param inputAlerts the alert ids the batch received, if known
 * @param rerun a second scoring of the same batch, for the determinism check
 * @param labels ground truth (possibly empty, with the reason in its source)
 * @param traps pattern traps; empty with {@code trapsGiven == false} means no trap list was given
 * @param trapsGiven whether a trap list was supplied (an empty list then means "no traps planted")
 * @param others other submissions' scores of the same batch
 * @param notes remarks to carry into the report (e.g. which window was chosen)
 */
public record ValidationInput(
    BatchKey batch,
    ScoringRun run,
    Optional<InputAlerts> inputAlerts,
    Optional<ScoringRun> rerun,
    LabelSet labels,
    List<Trap> traps,
    boolean trapsGiven,
    List<OtherSubmission> others,
    List<String> notes) {

  public ValidationInput {
    traps = List.copyOf(traps);
    others = List.copyOf(others);
    notes = List.copyOf(notes);
  }

  /** A minimal input: the run alone, no optional evidence. */
  public static ValidationInput of(BatchKey batch, ScoringRun run) {
    return new ValidationInput(
        batch,
        run,
        Optional.empty(),
        Optional.empty(),
        LabelSet.none("no labels given"),
        List.of(),
        false,
        List.of(),
        List.of());
  }

  public ValidationInput withInputAlerts(InputAlerts alerts) {
    return new ValidationInput(
        batch, run, Optional.of(alerts), rerun, labels, traps, trapsGiven, others, notes);
  }

  public ValidationInput withRerun(ScoringRun second) {
    return new ValidationInput(
        batch, run, inputAlerts, Optional.of(second), labels, traps, trapsGiven, others, notes);
  }

  public ValidationInput withLabels(LabelSet labelSet) {
    return new ValidationInput(
        batch, run, inputAlerts, rerun, labelSet, traps, trapsGiven, others, notes);
  }

  public ValidationInput withTraps(List<Trap> trapList) {
    return new ValidationInput(
        batch, run, inputAlerts, rerun, labels, trapList, true, others, notes);
  }

  public ValidationInput withOthers(List<OtherSubmission> submissions) {
    return new ValidationInput(
        batch, run, inputAlerts, rerun, labels, traps, trapsGiven, submissions, notes);
  }

  public ValidationInput withNotes(List<String> remarks) {
    return new ValidationInput(
        batch, run, inputAlerts, rerun, labels, traps, trapsGiven, others, remarks);
  }
}

package io.alertscoring.training;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * Train on the earliest dates, validate on the next, test on the latest: a model is judged on days
 * it has never seen, the way it will be used.
 */
public record TimeSplit(List<LocalDate> train, List<LocalDate> validation, List<LocalDate> test) {

  /** Splits distinct dates by fractions, e.g. 0.6 / 0.2 / rest; every part gets at least one. */
  public static TimeSplit of(List<LocalDate> dates, double trainShare, double validationShare) {
    List<LocalDate> sorted = List.copyOf(new TreeSet<>(dates));
    if (sorted.size() < 3) {
      throw new IllegalArgumentException(
          "a time-based split needs at least 3 processing dates, got " + sorted.size());
    }
    int n = sorted.size();
    int trainEnd = Math.max(1, (int) Math.floor(n * trainShare));
    int validationEnd =
        Math.max(trainEnd + 1, (int) Math.floor(n * (trainShare + validationShare)));
    validationEnd = Math.min(validationEnd, n - 1);
    trainEnd = Math.min(trainEnd, validationEnd - 1);
    return new TimeSplit(
        sorted.subList(0, trainEnd),
        sorted.subList(trainEnd, validationEnd),
        sorted.subList(validationEnd, n));
  }
}

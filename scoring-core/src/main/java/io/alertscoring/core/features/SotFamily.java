package io.alertscoring.core.features;

import io.alertscoring.schemas.input.FeatureColumns;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Every numeric SOT feature of the alert's address ({@code sot_<column>}), missing kept as NaN,
 * plus whether the address had a features record at all. Trees route NaN explicitly, so no
 * imputation.
 *
 * <p>The two activity timestamps are turned into ages relative to the end of the processing date
 * ({@code sot_account_age_days}, {@code sot_days_since_last_activity}): an absolute epoch time
 * would let a model learn the calendar of its training period and extrapolate nonsense on later
 * dates.
 */
public final class SotFamily implements AlertFamily {
  private static final String FIRST = "first_activity_timestamp";
  private static final String LAST = "last_activity_timestamp";
  private static final double DAY_MS = 86_400_000.0;
  private static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    names.add("sot_present");
    for (String column : FeatureColumns.NUMERIC) {
      names.add(
          switch (column) {
            case FIRST -> "sot_account_age_days";
            case LAST -> "sot_days_since_last_activity";
            default -> "sot_" + column;
          });
    }
    NAMES = List.copyOf(names);
  }

  private static final int FIRST_INDEX = FeatureColumns.indexOf(FIRST);
  private static final int LAST_INDEX = FeatureColumns.indexOf(LAST);

  @Override
  public List<String> names() {
    return NAMES;
  }

  /** The end of a processing date (UTC) in epoch milliseconds, the reference of the two ages. */
  public static long endOfDateMs(String processingDate) {
    return LocalDate.parse(processingDate)
        .plusDays(1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC)
        .toEpochMilli();
  }

  @Override
  public void fill(
      AlertFacts alert, double[] featureValues, long endOfDateMs, double[] row, int offset) {
    int columns = FeatureColumns.count();
    double endOfDate = endOfDateMs;
    row[offset] = featureValues == null ? 0.0 : 1.0;
    if (featureValues == null) {
      java.util.Arrays.fill(row, offset + 1, offset + 1 + columns, Double.NaN);
      return;
    }
    System.arraycopy(featureValues, 0, row, offset + 1, columns);
    row[offset + 1 + FIRST_INDEX] = (endOfDate - row[offset + 1 + FIRST_INDEX]) / DAY_MS;
    row[offset + 1 + LAST_INDEX] = (endOfDate - row[offset + 1 + LAST_INDEX]) / DAY_MS;
  }
}

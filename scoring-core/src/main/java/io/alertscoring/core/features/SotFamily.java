package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.FeatureColumns;
import java.util.List;

/**
 * Every numeric SOT feature of the alert's address ({@code sot_<column>}), missing kept as NaN,
 * plus whether the address had a features record at all. Trees route NaN explicitly, so no
 * imputation.
 */
public final class SotFamily implements FeatureFamily {
  private static final List<String> NAMES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("sot_present"),
              FeatureColumns.NUMERIC.stream().map(column -> "sot_" + column))
          .toList();

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void fill(BatchContext context, double[][] rows, int offset) {
    int columns = FeatureColumns.count();
    for (int i = 0; i < context.size(); i++) {
      AddressFeatures features = context.features(i);
      double[] row = rows[i];
      row[offset] = features == null ? 0.0 : 1.0;
      if (features == null) {
        java.util.Arrays.fill(row, offset + 1, offset + 1 + columns, Double.NaN);
      } else {
        System.arraycopy(features.values(), 0, row, offset + 1, columns);
      }
    }
  }
}

package io.alertscoring.training.real;

import io.alertscoring.training.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;

/** Row selection and concatenation of feature matrices (one query group: binary models only). */
final class Matrices {
  private Matrices() {}

  /** The given rows, in the given order. */
  static FeatureMatrix select(FeatureMatrix m, int[] rows) {
    int c = m.columns();
    double[] values = new double[rows.length * c];
    double[] labels = new double[rows.length];
    List<String> typologies = new ArrayList<>(rows.length);
    List<String> ids = new ArrayList<>(rows.length);
    for (int j = 0; j < rows.length; j++) {
      int i = rows[j];
      System.arraycopy(m.values(), i * c, values, j * c, c);
      labels[j] = m.labels()[i];
      typologies.add(m.typologies().get(i));
      ids.add(m.ids().get(i));
    }
    return new FeatureMatrix(
        values,
        rows.length,
        c,
        labels,
        new int[] {rows.length},
        List.copyOf(typologies),
        List.copyOf(ids));
  }

  /** The matrices one after the other. */
  static FeatureMatrix concat(List<FeatureMatrix> parts, int columns) {
    int rows = 0;
    for (FeatureMatrix p : parts) {
      if (p.columns() != columns) {
        throw new IllegalArgumentException("column count " + p.columns() + " != " + columns);
      }
      rows += p.rows();
    }
    double[] values = new double[rows * columns];
    double[] labels = new double[rows];
    List<String> typologies = new ArrayList<>(rows);
    List<String> ids = new ArrayList<>(rows);
    int at = 0;
    for (FeatureMatrix p : parts) {
      System.arraycopy(p.values(), 0, values, at * columns, p.rows() * columns);
      System.arraycopy(p.labels(), 0, labels, at, p.rows());
      typologies.addAll(p.typologies());
      ids.addAll(p.ids());
      at += p.rows();
    }
    return new FeatureMatrix(
        values, rows, columns, labels, new int[] {rows}, List.copyOf(typologies), List.copyOf(ids));
  }

  static boolean[] binary(double[] labels) {
    boolean[] result = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      result[i] = labels[i] > 0;
    }
    return result;
  }
}

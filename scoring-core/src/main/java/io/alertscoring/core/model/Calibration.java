package io.alertscoring.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Platt scaling of a binary model's raw score: {@code p = 1 / (1 + exp(-(a raw + b)))}, fitted on
 * the validation dates and stored in the manifest ({@code "calibration": {"method": "platt", "a":
 * .., "b": ..}}). Platt rather than isotonic: it is strictly increasing, so it keeps the model's
 * order (AUC, rankings and ties are untouched) and needs two numbers instead of a step table; it
 * cannot fix a reliability curve that is not sigmoid-shaped, which the reliability plots of {@code
 * trained_models/reports} show it does not need to here.
 *
 * @param a slope on the raw score
 * @param b intercept
 */
public record Calibration(double a, double b) {
  public static final String PLATT = "platt";

  public Calibration {
    if (!Double.isFinite(a) || !Double.isFinite(b) || a <= 0) {
      throw new IllegalArgumentException(
          "calibration needs a finite positive slope and a finite intercept, got a="
              + a
              + " b="
              + b);
    }
  }

  public double apply(double raw) {
    return 1.0 / (1.0 + Math.exp(-(a * raw + b)));
  }

  /** The manifest's {@code calibration} object. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", PLATT);
    m.put("a", a);
    m.put("b", b);
    return m;
  }

  /**
   * Reads a manifest's {@code calibration} object; {@code null} for none.
   *
   * @throws ModelLoadException when it names another method or lacks a number
   */
  public static Calibration fromManifest(Map<String, Object> map) {
    if (map == null || map.isEmpty()) {
      return null;
    }
    if (!PLATT.equals(map.get("method"))) {
      throw new ModelLoadException(
          "unsupported calibration method '" + map.get("method") + "' (supported: " + PLATT + ")");
    }
    if (!(map.get("a") instanceof Number a) || !(map.get("b") instanceof Number b)) {
      throw new ModelLoadException("calibration needs numeric 'a' and 'b', got " + map);
    }
    try {
      return new Calibration(a.doubleValue(), b.doubleValue());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  /**
   * Fits {@code a} and {@code b} by maximum likelihood (Newton's method on the log loss, with
   * Platt's target smoothing {@code (n+ + 1) / (n+ + 2)} and {@code 1 / (n- + 2)} against
   * overfitting the extremes). Deterministic.
   */
  public static Calibration fit(double[] raw, boolean[] labels) {
    if (raw.length != labels.length || raw.length == 0) {
      throw new IllegalArgumentException("need as many labels as scores, and at least one");
    }
    int positives = 0;
    for (boolean label : labels) {
      positives += label ? 1 : 0;
    }
    int negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("calibration needs both classes");
    }
    double hi = (positives + 1.0) / (positives + 2.0);
    double lo = 1.0 / (negatives + 2.0);
    double a = 1.0;
    double b = 0.0;
    double loss = logLoss(raw, labels, hi, lo, a, b);
    // Newton's method with a backtracking line search (Lin, Lin and Weng's robust Platt scaling):
    // without it, nearly separable validation scores make the plain Newton step overshoot
    for (int iteration = 0; iteration < 100; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < raw.length; i++) {
        double p = sigmoid(a * raw[i] + b);
        double d = p - (labels[i] ? hi : lo);
        double w = p * (1 - p);
        ga += d * raw[i];
        gb += d;
        haa += w * raw[i] * raw[i];
        hab += w * raw[i];
        hbb += w;
      }
      if (Math.abs(ga) < 1e-9 && Math.abs(gb) < 1e-9) {
        break;
      }
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      double step = 1.0;
      boolean improved = false;
      while (step > 1e-10) {
        double na = a + step * da;
        double nb = b + step * db;
        double candidate = logLoss(raw, labels, hi, lo, na, nb);
        if (candidate < loss + 1e-4 * step * (ga * da + gb * db)) {
          a = na;
          b = nb;
          loss = candidate;
          improved = true;
          break;
        }
        step /= 2;
      }
      if (!improved) {
        break;
      }
    }
    if (!(a > 0)) {
      throw new IllegalArgumentException(
          "calibration found no increasing relation between scores and labels (slope " + a + ")");
    }
    return new Calibration(a, b);
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** The log loss against the smoothed targets, computed without overflow. */
  private static double logLoss(
      double[] raw, boolean[] labels, double hi, double lo, double a, double b) {
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      double z = a * raw[i] + b;
      double t = labels[i] ? hi : lo;
      // -[t log s(z) + (1 - t) log(1 - s(z))] = log(1 + e^z) - t z, stably
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += softplus - t * z;
    }
    return sum;
  }
}

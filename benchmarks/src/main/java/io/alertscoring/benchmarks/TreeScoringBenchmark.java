package io.alertscoring.benchmarks;

import io.alertscoring.core.model.trees.NaiveTreeShap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread, per-row cost of scoring and explaining one row with the same LightGBM model (100
 * trees, 31 leaves, 100 features) and the same rows: the pure-Java evaluator and TreeSHAP against
 * lightgbm4j. Each invocation takes the next of 1024 prepared rows (10% missing values), so branch
 * predictors cannot learn one row. See docs/performance.md for how to run it and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TreeScoringBenchmark {
  private BenchmarkModel model;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    model = new BenchmarkModel();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    model.close();
  }

  private double[] nextRow() {
    double[] row = model.rows[next];
    next = (next + 1) & (BenchmarkModel.ROWS - 1);
    return row;
  }

  /** (a) the pure-Java evaluator's raw score. */
  @Benchmark
  public double a_javaRawScore() {
    return model.ensemble.rawScore(nextRow());
  }

  /** (b) lightgbm4j's public single-row API, {@code predictForMatSingleRow}. */
  @Benchmark
  public double b_lightgbm4jPredictForMatSingleRow() throws Exception {
    return model.lightGbm4jSingleRow(nextRow());
  }

  /** (b') the C API's {@code PredictForMatSingleRowFast} with a prepared FastConfig. */
  @Benchmark
  public double b_lightgbmSingleRowFast() {
    return model.lightGbmFastSingleRow(nextRow());
  }

  /** (c) fast TreeSHAP contributions (tables). */
  @Benchmark
  public double[] c_javaFastTreeShap() {
    return model.fastShap.contributions(nextRow());
  }

  /** (d) the reference TreeSHAP recursion. */
  @Benchmark
  public double[] d_javaNaiveTreeShap() {
    return NaiveTreeShap.contributions(model.ensemble, nextRow());
  }

  /** (e) LightGBM's own TreeSHAP ({@code predict_contrib}) through the fast single-row path. */
  @Benchmark
  public double[] e_lightgbmContribSingleRowFast() {
    return model.lightGbmFastContributions(nextRow());
  }
}

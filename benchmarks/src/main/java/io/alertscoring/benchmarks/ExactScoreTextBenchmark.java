package io.alertscoring.benchmarks;

import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What storing a score bit for bit costs ({@code ColumnType.FLOAT64_EXACT}): the exact decimal
 * expansion of a score-like double against the shortest text the JDBC driver sends for other
 * Float64 columns, per value, single thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExactScoreTextBenchmark {
  private final double[] scores = new double[4096];
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(17);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = random.nextDouble() * random.nextDouble();
    }
  }

  private double nextScore() {
    next = (next + 1) & (scores.length - 1);
    return scores[next];
  }

  @Benchmark
  public String exactDecimal() {
    return new BigDecimal(nextScore()).toPlainString();
  }

  @Benchmark
  public String shortestText() {
    return Double.toString(nextScore());
  }
}

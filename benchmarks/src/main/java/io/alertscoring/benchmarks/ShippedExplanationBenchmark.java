package io.alertscoring.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.model.ModelLoader;
import io.alertscoring.core.model.ScoringModel;
import io.alertscoring.core.scoring.Explanations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-alert cost of what the job does for every alert with a shipped model: the exact TreeSHAP
 * explanation, and the explanation plus its top-5 JSON ({@link Explanations#topK}), over the
 * model's own golden inputs (the first 64 test-date alerts), one thread. The models directory is
 * {@code -Dalert.scoring.models=...} (default {@code trained_models}, run from the project root).
 * docs/models.md has the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShippedExplanationBenchmark {
  @Param({"alert-scorer", "alert-live-scorer"})
  public String model;

  private ScoringModel scoring;
  private List<String> names;
  private double[][] rows;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("alert.scoring.models", "trained_models")).resolve(model);
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve(ModelLoader.MANIFEST).toFile());
    names = new ArrayList<>();
    manifest.get("feature_names").forEach(n -> names.add(n.asText()));
    scoring = ModelLoader.load(dir, names);
    JsonNode inputs = new ObjectMapper().readTree(Files.readString(dir.resolve("golden.json")));
    inputs = inputs.get("inputs");
    rows = new double[inputs.size()][];
    for (int i = 0; i < rows.length; i++) {
      JsonNode row = inputs.get(i);
      rows[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        rows[i][j] = row.get(j).isNull() ? Double.NaN : row.get(j).doubleValue();
      }
    }
  }

  private double[] nextRow() {
    double[] row = rows[next];
    next = next + 1 == rows.length ? 0 : next + 1;
    return row;
  }

  /** The exact TreeSHAP contributions of one alert. */
  @Benchmark
  public double[] explanation() {
    return scoring.contributions(nextRow());
  }

  /** Contributions plus the top-5 JSON the score row carries. */
  @Benchmark
  public String explanationTopK() {
    double[] row = nextRow();
    return Explanations.topK(names, row, scoring.contributions(row), Explanations.TOP_K);
  }

  /** The raw score alone, for scale. */
  @Benchmark
  public double rawScore() {
    return scoring.rawScore(nextRow());
  }
}

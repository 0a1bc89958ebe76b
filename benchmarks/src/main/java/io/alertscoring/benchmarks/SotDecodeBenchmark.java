package io.alertscoring.benchmarks;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
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
 * Single-thread cost of strictly decoding one SOT message of each kind: {@code SotJson.decode}
 * (streaming token loop) against {@link SotJson#decodeTree} (the reference decoder, kept in
 * SotJson: Jackson tree with BigDecimal floats, then field reads). Each invocation decodes the next
 * of up to 4,096 generated messages of the kind (all 161 clusters), so no message is decoded twice
 * in a row. See docs/performance.md ("Strict decoding") for the command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SotDecodeBenchmark {
  @Param({"ALERT", "FEATURES", "CLUSTER", "MONEY_FLOW"})
  public RecordKind kind;

  private byte[][] messages;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    messages = SotSamples.load(kind, 4096);
  }

  private byte[] nextMessage() {
    byte[] message = messages[next];
    if (++next == messages.length) {
      next = 0;
    }
    return message;
  }

  /** The product's decoder. */
  @Benchmark
  public SotRecord streaming() throws RecordValidationException {
    return SotJson.decode(kind, nextMessage());
  }

  /** The decoder before the streaming rewrite. */
  @Benchmark
  public SotRecord tree() throws RecordValidationException {
    return SotJson.decodeTree(kind, nextMessage());
  }
}

package io.alertscoring.launcher.bench;

import io.alertscoring.infra.FreePorts;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.io.KafkaJobSources;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.launcher.LocalRun;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The "consume + decode only" pass: a second Flink job on the same embedded environment settings,
 * reading the same topics with the job's own sources ({@link KafkaJobSources}, a new consumer
 * group, so from the earliest offsets) and the job's own {@link DecodeFunction}, into a discarding
 * sink. A pass-through counter before the decode sees every record; the pass stops once it has
 * counted all the records published.
 */
final class DecodeOnlyPass {
  /** Counters per pass, shared with the (serialized) counting function in this JVM. */
  static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

  /** Records seen and the first and last time one was seen (System.nanoTime). */
  static final class Counts {
    final AtomicLong records = new AtomicLong();
    final AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);
  }

  /** What the pass measured. */
  record Result(long records, double seconds, double submitToDoneSeconds) {
    double recordsPerSecond() {
      return records / Math.max(1e-9, seconds);
    }
  }

  private DecodeOnlyPass() {}

  static Result run(
      LocalRun.Servers servers, LocalRun.Embedded embedded, long expectedRecords, Duration timeout)
      throws Exception {
    String pass = UUID.randomUUID().toString();
    Counts counts = new Counts();
    COUNTS.put(pass, counts);
    StreamExecutionEnvironment env =
        LocalRun.localEnvironment(embedded, servers.workDir(), FreePorts.findOne());
    DataStream<RawRecord> raw =
        new KafkaJobSources(servers.bootstrapServers(), "bench-decode-only-" + pass)
            .rawRecords(env);
    decodeAndDiscard(
        raw.map(new Count(pass)).name("bench-count").uid("bench-count"),
        new DecodeFunction(Set.of()));
    long submitted = System.nanoTime();
    JobClient client = env.executeAsync("alert-scoring-bench-decode-only");
    try {
      long deadline = submitted + timeout.toNanos();
      while (counts.records.get() < expectedRecords) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "decode-only pass consumed "
                  + counts.records.get()
                  + " of "
                  + expectedRecords
                  + " records within "
                  + timeout.toSeconds()
                  + " s");
        }
        JobStatus status = client.getJobStatus().get();
        if (status.isGloballyTerminalState()) {
          throw new IllegalStateException("decode-only job ended " + status);
        }
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      return new Result(
          counts.records.get(),
          (counts.lastNanos.get() - counts.firstNanos.get()) / 1e9,
          (done - submitted) / 1e9);
    } finally {
      try {
        client.cancel().get();
      } catch (Exception e) {
        // already ended
      }
      COUNTS.remove(pass);
    }
  }

  private static void decodeAndDiscard(DataStream<RawRecord> raw, DecodeFunction decode) {
    raw.process(decode)
        .name("decode-validate")
        .uid("decode-validate")
        .sinkTo(new DiscardingSink<>())
        .name("discard")
        .uid("discard");
  }

  /** Counts every record and passes it on. */
  static final class Count extends RichMapFunction<RawRecord, RawRecord> {
    private static final long serialVersionUID = 1L;
    private final String pass;
    private transient Counts counts;

    Count(String pass) {
      this.pass = pass;
    }

    @Override
    public RawRecord map(RawRecord value) {
      if (counts == null) {
        counts = COUNTS.get(pass);
      }
      long now = System.nanoTime();
      counts.firstNanos.accumulateAndGet(now, Math::min);
      counts.lastNanos.accumulateAndGet(now, Math::max);
      counts.records.incrementAndGet();
      return value;
    }
  }
}

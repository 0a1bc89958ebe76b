package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Replays the batches of one network and date range from a {@link SotSource}: each batch's records
 * go to their topics, then a flush, then a batch-control record with the counts actually published
 * (distinct records per kind, minus any the broker refused), so the job closes the batch on exactly
 * what arrived. Labels go to the labels topic and are not part of the batch counts.
 *
 * <p>Never silent: a source row that is not a valid record, a record of another batch and a
 * repeated record identity are bad rows, printed (the first 20) and counted in the summary.
 *
 * <p>A {@link LineSource} (generated files) is read as raw lines: a canonical line ({@link
 * CanonicalLines}) is published as its own bytes, without a decode and re-encode, which is what
 * makes a file replay fast (the JSON codec was most of the CPU of the old path); any other line is
 * decoded strictly and goes the record path. Every other source, and files with {@code --validate},
 * deliver decoded records. Either way the same checks apply (batch, distinct identity) and the same
 * counts reach the batch-control record.
 */
final class Replayer {
  static final int BAD_ROWS_SHOWN = 20;

  record Options(
      String network,
      LocalDate from,
      LocalDate to,
      Integer windowDays,
      double rate,
      boolean labels) {}

  /** What a replay did. */
  record Report(
      int batches,
      long records,
      long labels,
      long bytes,
      long badRows,
      long refused,
      Map<RecordKind, Long> published,
      double seconds) {}

  private final SotSource source;
  private final RecordPublisher publisher;
  private final Options options;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private long badRows;
  private long bytes;

  Replayer(
      SotSource source,
      RecordPublisher publisher,
      Options options,
      PrintStream out,
      PrintStream err,
      boolean terminal) {
    this.source = source;
    this.publisher = publisher;
    this.options = options;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  Report run() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<BatchKey> batches = new ArrayList<>();
    for (BatchKey b : source.batches(options.network(), options.from(), options.to())) {
      if (options.windowDays() == null || b.windowDays() == options.windowDays()) {
        batches.add(b);
      }
    }
    out.println(
        "[replay] "
            + source.describe()
            + ": "
            + batches.size()
            + " batch(es) of "
            + options.network()
            + " from "
            + options.from()
            + " to "
            + options.to()
            + (options.rate() > 0
                ? String.format(Locale.ROOT, ", paced at %,.0f records/s", options.rate())
                : ""));
    long total = 0;
    for (BatchKey b : batches) {
      long estimate = source.estimate(b);
      if (estimate < 0) {
        total = -1;
        break;
      }
      total += estimate;
    }
    Progress progress = new Progress(out, terminal, "records", total);
    Pacer pacer = new Pacer(options.rate());
    Map<RecordKind, Long> published = new EnumMap<>(RecordKind.class);
    long labels = 0;
    long refusedTotal = 0;
    for (BatchKey batch : batches) {
      // Every publication of a batch is a new run: the job accepts it at any time, even right
      // after an earlier run of the date closed, and replaces that run once this one is stored.
      String runId = Runs.newId(System.currentTimeMillis());
      publisher.startRun(runId);
      BatchRun run = new BatchRun(batch, progress, pacer);
      if (source instanceof LineSource lines) {
        lines.readLines(batch, run);
      } else {
        source.read(batch, run);
      }
      if (run.interrupted != null) {
        throw run.interrupted;
      }
      publisher.flush();
      long[] counts = new long[4];
      for (int k = 0; k < 4; k++) {
        counts[k] = run.distinct[k].size() - run.refused[k].get();
        published.merge(DATA[k], counts[k], Long::sum);
        refusedTotal += run.refused[k].get();
      }
      labels += run.labels - run.refusedLabels.get();
      refusedTotal += run.refusedLabels.get();
      // the flush above waited for every data record of the batch: only now the control record
      BatchControl control =
          new BatchControl(
              batch.network(),
              batch.processingDate(),
              batch.windowDays(),
              counts[0],
              counts[1],
              counts[2],
              counts[3],
              System.currentTimeMillis());
      publisher.publishAndWait(control);
      published.merge(RecordKind.BATCH_CONTROL, 1L, Long::sum);
      progress.line(
          String.format(
              Locale.ROOT,
              "[replay] %s run %s: published %,d alerts, %,d features, %,d clusters, %,d money"
                  + " flows, then the batch-control record; %,d labels; %,d bad rows%s",
              batch.id(),
              runId,
              counts[0],
              counts[1],
              counts[2],
              counts[3],
              run.labels - run.refusedLabels.get(),
              run.bad,
              run.refusedCount() > 0 ? "; " + run.refusedCount() + " REFUSED by the broker" : ""));
    }
    progress.finish();
    if (badRows > BAD_ROWS_SHOWN) {
      err.println("[replay] ... and " + (badRows - BAD_ROWS_SHOWN) + " more bad rows not shown");
    }
    long records = published.values().stream().mapToLong(Long::longValue).sum() + labels;
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.println(
        String.format(
            Locale.ROOT,
            "[replay] done: %d batch(es), %,d records published (%,d labels) in %.1f s, %,.0f records/s,"
                + " %,.1f MB/s (%,.1f MB of messages); %,d bad source rows%s",
            batches.size(),
            records,
            labels,
            seconds,
            records / Math.max(1e-9, seconds),
            bytes / 1e6 / Math.max(1e-9, seconds),
            bytes / 1e6,
            badRows,
            refusedTotal > 0 ? "; " + refusedTotal + " records refused by the broker" : ""));
    return new Report(
        batches.size(), records, labels, bytes, badRows, refusedTotal, published, seconds);
  }

  private static final RecordKind[] DATA = {
    RecordKind.ALERT, RecordKind.FEATURES, RecordKind.CLUSTER, RecordKind.MONEY_FLOW
  };

  private static int dataIndex(RecordKind kind) {
    return switch (kind) {
      case ALERT -> 0;
      case FEATURES -> 1;
      case CLUSTER -> 2;
      case MONEY_FLOW -> 3;
      default -> -1;
    };
  }

  private void reportBad(String origin, String reason) {
    badRows++;
    if (badRows <= BAD_ROWS_SHOWN) {
      err.println("[replay] bad row " + origin + ": " + reason);
    }
  }

  /** One batch: dedupe, check the batch key, pace, publish, count. */
  private final class BatchRun implements LineSource.Visitor {
    final BatchKey batch;
    final byte[] key;
    final byte[] prefix;
    final Progress progress;
    final Pacer pacer;
    final LongHashSet[] distinct = {
      new LongHashSet(), new LongHashSet(), new LongHashSet(), new LongHashSet()
    };
    final AtomicLong[] refused = {
      new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()
    };
    final LongHashSet labelAddresses = new LongHashSet();
    final AtomicLong refusedLabels = new AtomicLong();

    /** Per kind (ordinal), one failure callback for all records: no allocation per record. */
    final Consumer<Exception>[] onFailure;

    long labels;
    long bad;
    InterruptedException interrupted;

    BatchRun(BatchKey batch, Progress progress, Pacer pacer) {
      this.batch = batch;
      this.progress = progress;
      this.pacer = pacer;
      this.key = batch.id().getBytes(StandardCharsets.UTF_8);
      this.prefix = CanonicalLines.prefix(batch);
      @SuppressWarnings("unchecked")
      Consumer<Exception>[] callbacks = new Consumer[RecordKind.values().length];
      for (RecordKind kind : RecordKind.values()) {
        int k = dataIndex(kind);
        AtomicLong counter =
            kind == RecordKind.ADDRESS_LABEL ? refusedLabels : k >= 0 ? refused[k] : null;
        if (counter != null) {
          callbacks[kind.ordinal()] =
              e -> {
                if (counter.incrementAndGet() <= 5) {
                  err.println("[replay] broker refused a " + kind + " record: " + e.getMessage());
                }
              };
        }
      }
      this.onFailure = callbacks;
    }

    @Override
    public void line(RecordKind kind, byte[] buf, int off, int len, String file, long number) {
      if (interrupted != null) {
        return;
      }
      boolean label = kind == RecordKind.ADDRESS_LABEL;
      if (label && !options.labels()) {
        return;
      }
      int k = dataIndex(kind);
      long h =
          label || k >= 0
              ? CanonicalLines.identityHash(kind, prefix, buf, off, len)
              : CanonicalLines.NOT_CANONICAL;
      if (h == CanonicalLines.NOT_CANONICAL) {
        decodeLine(kind, buf, off, len, file, number);
        return;
      }
      // canonical: of this batch (the prefix says so), identity known; publish the bytes as they
      // are
      if (!(label ? labelAddresses : distinct[k]).add(h)) {
        String id = CanonicalLines.identity(kind, prefix, buf, off, len);
        if (label) {
          bad("label " + id, "repeated label of one address on one date");
        } else {
          bad(
              kind.name().toLowerCase(Locale.ROOT) + " " + id,
              "repeated record identity within the batch (published once)");
        }
        return;
      }
      sendBytes(kind, key, Arrays.copyOfRange(buf, off, off + len));
      if (label) {
        labels++;
      }
    }

    /** The slow path: a line that is not canonical is decoded strictly, then a record. */
    private void decodeLine(
        RecordKind kind, byte[] buf, int off, int len, String file, long number) {
      SotRecord record;
      try {
        record = SotJson.decode(kind, Arrays.copyOfRange(buf, off, off + len));
      } catch (RecordValidationException e) {
        bad(file + ":" + number, e.getMessage());
        return;
      }
      record(record);
    }

    long refusedCount() {
      long n = refusedLabels.get();
      for (AtomicLong r : refused) {
        n += r.get();
      }
      return n;
    }

    @Override
    public void record(SotRecord record) {
      if (interrupted != null) {
        return;
      }
      if (record.kind() == RecordKind.ADDRESS_LABEL) {
        if (!options.labels()) {
          return;
        }
        if (!record.batchKey().network().equals(batch.network())) {
          bad(
              record.kind() + " " + record.recordId(),
              "label of network " + record.batchKey().network());
          return;
        }
        if (!labelAddresses.add(CanonicalLines.hash(record.recordId()))) {
          bad("label " + record.recordId(), "repeated label of one address on one date");
          return;
        }
        send(record);
        labels++;
        return;
      }
      int k = dataIndex(record.kind());
      if (k < 0) {
        bad(
            record.kind() + " " + record.recordId(),
            "a source may not deliver " + record.kind() + " records");
        return;
      }
      if (!record.batchKey().equals(batch)) {
        bad(
            record.kind().name().toLowerCase(Locale.ROOT) + " " + record.recordId(),
            "belongs to batch " + record.batchKey() + ", not " + batch);
        return;
      }
      if (!distinct[k].add(CanonicalLines.hash(record.recordId()))) {
        bad(
            record.kind().name().toLowerCase(Locale.ROOT) + " " + record.recordId(),
            "repeated record identity within the batch (published once)");
        return;
      }
      send(record);
    }

    /** A decoded record: encoded once here, keyed by its own batch id (labels: their date's). */
    private void send(SotRecord record) {
      String id = record.batchKey().id();
      sendBytes(
          record.kind(),
          id.equals(batch.id()) ? key : id.getBytes(StandardCharsets.UTF_8),
          SotJson.encode(record).getBytes(StandardCharsets.UTF_8));
    }

    private void sendBytes(RecordKind kind, byte[] recordKey, byte[] value) {
      try {
        pacer.acquire();
      } catch (InterruptedException e) {
        interrupted = e;
        Thread.currentThread().interrupt();
        return;
      }
      publisher.publishBytes(kind, recordKey, value, onFailure[kind.ordinal()]);
      bytes += value.length;
      progress.advance(1, value.length);
    }

    @Override
    public void bad(String origin, String reason) {
      bad++;
      reportBad(origin, reason);
    }
  }
}

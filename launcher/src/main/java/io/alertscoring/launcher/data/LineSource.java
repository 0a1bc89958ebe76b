package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.io.IOException;

/**
 * A {@link SotSource} that can also hand over its rows undecoded, as the bytes of SOT JSON lines,
 * so the replayer can publish them as they are (see {@link CanonicalLines}). {@link #read} stays
 * the strict path.
 */
interface LineSource extends SotSource {
  /** Streams one batch's lines, in the order {@link SotSource#read} delivers records. */
  void readLines(BatchKey batch, Visitor visitor) throws IOException;

  /** Receives lines; {@link RecordVisitor} for what the source itself decodes or rejects. */
  interface Visitor extends RecordVisitor {
    /**
     * One line of {@code kind}: {@code buf[off, off + len)}, without its line terminator. The
     * buffer is reused after the call returns: copy what must outlive it. {@code file} and {@code
     * number} say where the line is (for bad-row messages).
     */
    void line(RecordKind kind, byte[] buf, int off, int len, String file, long number);
  }
}

package io.alertscoring.launcher.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run: on a terminal a bar redrawn in place with count, rate and ETA (at most
 * five times a second); otherwise a plain line every ten seconds, so logs stay readable. The total
 * may be unknown (-1): then there is no bar and no ETA. When the caller reports bytes too, the line
 * also shows MB/s (10^6 bytes).
 */
final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final String unit;
  private final long startNanos = System.nanoTime();
  private long total;
  private long done;
  private long bytes;
  private long lastPrint;
  private boolean drawn;

  Progress(PrintStream out, boolean terminal, String unit, long total) {
    this.out = out;
    this.terminal = terminal;
    this.unit = unit;
    this.total = total;
    this.lastPrint = startNanos;
  }

  void total(long total) {
    this.total = total;
  }

  void advance(long n) {
    advance(n, 0);
  }

  /** {@code n} more units done, {@code bytes} more bytes moved. */
  void advance(long n, long bytes) {
    done += n;
    this.bytes += bytes;
    long now = System.nanoTime();
    long interval = terminal ? 200_000_000L : 10_000_000_000L;
    if (now - lastPrint >= interval) {
      lastPrint = now;
      print(now);
    }
  }

  /** Ends the bar (terminal) so the next line starts clean. */
  void finish() {
    if (terminal && drawn) {
      print(System.nanoTime());
      out.println();
      drawn = false;
    }
  }

  /** Prints a line above the bar without garbling it. */
  void line(String text) {
    if (terminal && drawn) {
      out.print("\r\033[K");
    }
    out.println(text);
    if (terminal && drawn) {
      print(System.nanoTime());
    }
  }

  long done() {
    return done;
  }

  double rate() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds > 0 ? done / seconds : 0;
  }

  private void print(long now) {
    double seconds = (now - startNanos) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder sb = new StringBuilder();
    if (total > 0) {
      double share = Math.min(1.0, done / (double) total);
      if (terminal) {
        int width = 30;
        int filled = (int) (share * width);
        sb.append('[').append("=".repeat(filled));
        if (filled < width) {
          sb.append('>').append(" ".repeat(width - filled - 1));
        }
        sb.append("] ");
      }
      sb.append(String.format(Locale.ROOT, "%3.0f%% ", share * 100));
      sb.append(String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit));
    } else {
      sb.append(String.format(Locale.ROOT, "%,d %s", done, unit));
    }
    sb.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
    if (bytes > 0 && seconds > 0) {
      sb.append(String.format(Locale.ROOT, ", %,.1f MB/s", bytes / 1e6 / seconds));
    }
    if (total > 0 && rate > 0 && done < total) {
      sb.append(", ETA ").append(duration((total - done) / rate));
    }
    sb.append(", elapsed ").append(duration(seconds));
    if (terminal) {
      out.print("\r\033[K" + sb);
      out.flush();
      drawn = true;
    } else {
      out.println("[progress] " + sb);
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}

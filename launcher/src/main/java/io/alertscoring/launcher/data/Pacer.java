package io.alertscoring.launcher.data;

/**
 * Paces publication to a rate in records per second: before each record it sleeps until the
 * record's slot ({@code start + n / rate}). Sleeping only when at least 2 ms ahead keeps the
 * overhead low at high rates while the long-run rate stays exact. Rate 0 means unpaced.
 */
final class Pacer {
  private final double rate;
  private final long start = System.nanoTime();
  private long count;

  Pacer(double rate) {
    this.rate = rate;
  }

  void acquire() throws InterruptedException {
    count++;
    if (rate <= 0) {
      return;
    }
    long slot = start + (long) ((count - 1) * 1e9 / rate);
    long ahead = slot - System.nanoTime();
    if (ahead >= 2_000_000L) {
      Thread.sleep(ahead / 1_000_000L, (int) (ahead % 1_000_000L));
    }
  }
}

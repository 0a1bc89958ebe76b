package io.alertscoring.api.scoring;

/**
 * How much one {@code POST /score/alerts} may carry; more is answered 413. The whole body is held
 * in memory while it is scored (about 2 to 3 times its size with the decoded records), so the
 * limits bound what one request costs the API; the alert count also bounds its scoring time.
 *
 * @param maxRequestBytes largest accepted body, in bytes
 * @param maxAlerts most alerts one request may hold
 */
public record ScoringLimits(long maxRequestBytes, int maxAlerts) {

  /**
   * 32 MiB. A batch of scoring-core's sample generator takes about 1.9 KB per alert with its
   * features, clusters and flows (20,000 alerts: 36 MiB), so with both defaults the size binds
   * first, at about 17,000 such alerts; scoring 20,000 took 10 s on a shared 2-core machine.
   */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 32L << 20;

  public static final int DEFAULT_MAX_ALERTS = 20_000;

  /**
   * The defaults: {@value #DEFAULT_MAX_REQUEST_BYTES} bytes, {@value #DEFAULT_MAX_ALERTS} alerts.
   */
  public static final ScoringLimits DEFAULTS =
      new ScoringLimits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_ALERTS);

  public ScoringLimits {
    // a byte[] holds the body: at most 2 GiB minus a little
    if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the request size limit must be in 1.."
              + (Integer.MAX_VALUE - 8)
              + ": "
              + maxRequestBytes);
    }
    if (maxAlerts < 1) {
      throw new IllegalArgumentException("the alert limit must be at least 1: " + maxAlerts);
    }
  }
}

package io.alertscoring.generator.economy;

import io.alertscoring.generator.rng.SplitRandom;

/** Times of day: a human diurnal rhythm in the account's time zone, or machine-uniform. */
final class Clock {
  private Clock() {}

  static final long DAY_MS = 86_400_000L;
  static final long HOUR_MS = 3_600_000L;

  /** Relative activity by local hour: quiet nights, busy afternoons and evenings. */
  private static final double[] DIURNAL =
      SplitRandom.cumulative(
          0.20, 0.12, 0.08, 0.06, 0.06, 0.10, 0.25, 0.45, 0.70, 0.85, 0.95, 1.00, 1.00, 0.95, 0.95,
          1.00, 1.05, 1.10, 1.15, 1.10, 0.95, 0.75, 0.50, 0.30);

  /** A UTC time on {@code day} at a human local hour in time zone {@code tz}. */
  static long human(long day, int tz, SplitRandom r) {
    int local = r.weighted(DIURNAL);
    int utc = Math.floorMod(local - tz, 24);
    return day * DAY_MS + utc * HOUR_MS + r.nextInt(3_600_000);
  }

  /** A uniformly random UTC time on {@code day} (scripts, bots). */
  static long uniform(long day, SplitRandom r) {
    return day * DAY_MS + (long) (r.nextDouble() * DAY_MS);
  }

  /** ISO day of week, Monday = 0. */
  static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
  }
}

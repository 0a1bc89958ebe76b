package io.alertscoring.generator;

import io.alertscoring.generator.economy.NetworkProfile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Parameters of one generation run. Everything that shapes the output is here and in the manifest;
 * {@code threads} only changes speed (shards are merged in shard order).
 *
 * @param networks lower-case network names, each its own economy
 * @param startDate first processing date
 * @param days processing dates to generate
 * @param alertsPerDay alerts per network and processing date (exact when the economy raises enough
 *     candidates, which it does by design)
 * @param windowDays analysis window of every batch
 * @param labelNoise share of the launderers' labels that are wrong (benign); as many benign
 *     accounts are labelled money laundering in expectation (at a positive share of 0.5 or more,
 *     each class flips at this rate)
 * @param positiveShare most alerts of a shard's daily budget that may go to accounts of a
 *     laundering instance (true positives); the analyzers' other alerts are their false positives,
 *     drawn from benign look-alikes and ordinary accounts exactly as before. 1 leaves the
 *     analyzers' own mix (about 27 % positive on the generated economy); real alert programmes see
 *     1-10 %.
 */
public record GeneratorConfig(
    List<String> networks,
    LocalDate startDate,
    int days,
    long alertsPerDay,
    long seed,
    int windowDays,
    boolean gzip,
    double labelNoise,
    Path out,
    int threads,
    double positiveShare) {

  /** Realistic default: one alert in twenty is a true positive. */
  public static final double DEFAULT_POSITIVE_SHARE = 0.05;

  public static final int MAX_DAYS = 3650;
  public static final long MAX_ALERTS_PER_DAY = 50_000_000L;
  public static final int MAX_WINDOW_DAYS = 90;

  public GeneratorConfig {
    networks = List.copyOf(networks);
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("at least one network is needed");
    }
    for (String network : networks) {
      NetworkProfile.of(network); // validates the name
    }
    if (networks.stream().distinct().count() != networks.size()) {
      throw new IllegalArgumentException("a network is listed twice: " + networks);
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be in [1, " + MAX_DAYS + "], got " + days);
    }
    if (alertsPerDay < 1 || alertsPerDay > MAX_ALERTS_PER_DAY) {
      throw new IllegalArgumentException(
          "alerts per day must be in [1, " + MAX_ALERTS_PER_DAY + "], got " + alertsPerDay);
    }
    if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
      throw new IllegalArgumentException(
          "window days must be in [1, " + MAX_WINDOW_DAYS + "], got " + windowDays);
    }
    if (!(labelNoise >= 0 && labelNoise <= 0.5)) {
      throw new IllegalArgumentException("label noise must be in [0, 0.5], got " + labelNoise);
    }
    if (!(positiveShare > 0 && positiveShare <= 1)) {
      throw new IllegalArgumentException("positive share must be in (0, 1], got " + positiveShare);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    if (startDate.getYear() < 1971 || startDate.plusDays(days + 40L).getYear() > 2149) {
      throw new IllegalArgumentException("dates must be between 1971 and 2149");
    }
  }

  /** A run with the default positive share ({@value #DEFAULT_POSITIVE_SHARE}). */
  public GeneratorConfig(
      List<String> networks,
      LocalDate startDate,
      int days,
      long alertsPerDay,
      long seed,
      int windowDays,
      boolean gzip,
      double labelNoise,
      Path out,
      int threads) {
    this(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        DEFAULT_POSITIVE_SHARE);
  }

  /** The defaults of the command line, for tests. */
  public static GeneratorConfig of(
      String network, String startDate, int days, long alertsPerDay, long seed, Path out) {
    return new GeneratorConfig(
        List.of(network),
        LocalDate.parse(startDate),
        days,
        alertsPerDay,
        seed,
        7,
        false,
        0.05,
        out,
        Runtime.getRuntime().availableProcessors());
  }

  public GeneratorConfig withGzip(boolean gzip) {
    return new GeneratorConfig(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        positiveShare);
  }

  public GeneratorConfig withThreads(int threads) {
    return new GeneratorConfig(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        positiveShare);
  }

  public GeneratorConfig withOut(Path out) {
    return new GeneratorConfig(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        positiveShare);
  }

  public GeneratorConfig withLabelNoise(double labelNoise) {
    return new GeneratorConfig(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        positiveShare);
  }

  public GeneratorConfig withPositiveShare(double positiveShare) {
    return new GeneratorConfig(
        networks,
        startDate,
        days,
        alertsPerDay,
        seed,
        windowDays,
        gzip,
        labelNoise,
        out,
        threads,
        positiveShare);
  }
}

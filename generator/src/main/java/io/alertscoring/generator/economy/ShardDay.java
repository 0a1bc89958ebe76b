package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.BatchDeriver;
import io.alertscoring.generator.derive.DerivedBatch;
import io.alertscoring.generator.derive.TransferBuffer;
import io.alertscoring.generator.rng.Hashing;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard on one processing date: regenerates the window's transfers (ordinary life of every
 * window day plus the episodes overlapping the window), derives the SOT records, and schedules the
 * ground-truth labels that will arrive 7-30 days later.
 *
 * <p>Labels. Investigations follow alerts: 90% of alerted addresses get a label tau days after the
 * alert, tau uniform in 7..30. Intelligence feeds also catch launderers the analyzers missed: 60%
 * of illicit participants get a label tau days after their episode ends. A configurable share of
 * labels is wrong (positive and negative swapped), decided per address, so repeated labels of one
 * address agree. Positive = risk level high or critical.
 */
public final class ShardDay {
  private static final long LABELS = 0x4C4142L;
  private static final long QUOTA = 0x51554F5441L;

  /** A label and what the generator knows about it (for tests; never written to SOT files). */
  public record LabelEvent(
      long arrivalDay, AddressLabel label, long eventDay, boolean illicit, String source) {}

  /** Ground truth of one alerted account or episode participant. */
  public record Truth(long key, String address, boolean illicit, EpisodeType episode) {}

  /** Everything one shard contributes to one processing date. */
  public record Result(
      int shard,
      DerivedBatch batch,
      List<Truth> alertTruth,
      List<LabelEvent> labels,
      List<Episode> episodesEndingToday,
      int transfers) {}

  private ShardDay() {}

  public static Result run(
      Economy eco,
      ShardPopulation pop,
      long day,
      int windowDays,
      BatchDeriver deriver,
      TransferBuffer buffer,
      double labelNoise,
      double positiveShare) {
    NetworkProfile net = eco.network();
    // wrong labels: a share labelNoise of the launderers are cleared, and as many benign accounts
    // (in expectation) are labelled money_laundering, so at a low positive share the noise does not
    // swamp the positives; at a share of one half or more both classes flip at labelNoise
    double benignNoise =
        positiveShare >= 0.5 ? labelNoise : labelNoise * positiveShare / (1 - positiveShare);
    long windowStart = day - windowDays + 1;
    buffer.clear();
    for (long d = windowStart; d <= day; d++) {
      DailyActivity.emit(pop, d, buffer);
    }
    Map<Long, Episode> membership = new HashMap<>(); // look-ups only, never iterated
    List<Episode> endingToday = new ArrayList<>();
    for (long d0 = windowStart - Episode.MAX_SPAN_DAYS + 1; d0 <= day; d0++) {
      for (Episode e : EpisodePlanner.plan(pop, d0)) {
        e.emit(windowStart, day, buffer);
        for (int p = 0; p < e.participantCount(); p++) {
          long key = e.participant(p);
          Episode known = membership.get(key);
          // an illicit role wins over a benign one
          if (known == null || (!known.type().illicit() && e.participantIllicit(p))) {
            membership.put(key, e);
          }
        }
        if (e.transferCount() > 0 && e.endDay() == day) {
          endingToday.add(e);
        }
      }
    }
    String date = LocalDate.ofEpochDay(day).toString();
    BatchKey key = new BatchKey(net.name(), date, windowDays);
    String prefix = net.tag() + "-" + date.replace("-", "") + "-s" + BatchDeriver.pad(pop.shard, 5);
    int budget = eco.budget(pop.shard);
    // the share of true positives: floor(share x budget), plus one with the fraction's probability
    // (a stream of its own, so the mean share is exact at any budget)
    double quota = positiveShare * budget;
    int positiveQuota =
        positiveShare >= 1
            ? budget
            : (int) quota
                + (Hashing.unit(
                            Hashing.combine(Hashing.combine(eco.seed() ^ QUOTA, pop.shard), day))
                        < quota - Math.floor(quota)
                    ? 1
                    : 0);
    DerivedBatch batch =
        deriver.derive(
            buffer,
            new ShardDirectory(pop),
            key,
            prefix,
            budget,
            Hashing.combine(eco.seed(), pop.shard),
            k -> {
              Episode e = membership.get(k);
              return e != null && e.type().illicit() && isIllicitParticipant(e, k);
            },
            positiveQuota);

    List<Truth> truth = new ArrayList<>(batch.alertKeys().length);
    List<LabelEvent> labels = new ArrayList<>();
    long[] keys = batch.alertKeys();
    for (int i = 0; i < keys.length; i++) {
      long k = keys[i];
      Episode e = membership.get(k);
      boolean illicit = e != null && e.type().illicit() && isIllicitParticipant(e, k);
      String address = batch.alerts().get(i).address();
      truth.add(new Truth(k, address, illicit, e == null ? null : e.type()));
      if (i > 0 && keys[i - 1] == k) {
        continue; // one label per address and day
      }
      if (Hashing.unit(Hashing.combine(Hashing.combine(eco.seed() ^ LABELS, k), day)) < 0.9) {
        labels.add(
            label(
                eco,
                pop,
                k,
                address,
                illicit,
                e,
                day,
                windowDays,
                illicit ? labelNoise : benignNoise,
                "investigation"));
      }
    }
    for (Episode e : endingToday) {
      if (!e.type().illicit()) {
        continue;
      }
      for (int p = 0; p < e.participantCount(); p++) {
        long k = e.participant(p);
        if (!e.participantIllicit(p)
            || Hashing.unit(Hashing.combine(Hashing.combine(eco.seed() ^ LABELS ^ 1, k), day))
                >= 0.6) {
          continue;
        }
        labels.add(
            label(eco, pop, k, net.address(k), true, e, day, windowDays, labelNoise, "intel_feed"));
      }
    }
    return new Result(pop.shard, batch, truth, labels, endingToday, buffer.size());
  }

  private static boolean isIllicitParticipant(Episode e, long key) {
    for (int p = 0; p < e.participantCount(); p++) {
      if (e.participant(p) == key) {
        return e.participantIllicit(p);
      }
    }
    return false;
  }

  private static LabelEvent label(
      Economy eco,
      ShardPopulation pop,
      long key,
      String address,
      boolean illicit,
      Episode episode,
      long day,
      int windowDays,
      double noise,
      String source) {
    long h = Hashing.combine(eco.seed() ^ LABELS, key);
    int tau = 7 + (int) (Hashing.unit(Hashing.combine(h, day)) * 24); // 7..30
    boolean flipped = Hashing.unit(h ^ 0x4E4F495345L) < noise;
    boolean positive = illicit != flipped;
    double u = Hashing.unit(h ^ 0x52495348L);
    Severity risk =
        positive
            ? (u < 0.4 ? Severity.CRITICAL : Severity.HIGH)
            : (u < 0.8 ? Severity.LOW : Severity.MEDIUM);
    String text;
    if (positive) {
      text = "money_laundering";
    } else if (episode != null && !episode.type().illicit()) {
      text = episode.type().benignLabel();
    } else if (Economy.isShardKey(key)) {
      text = pop.kind(Economy.shardIndex(key)).benignLabel();
    } else {
      text = "wallet";
    }
    long arrival = day + tau;
    AddressLabel label =
        new AddressLabel(
            eco.network().name(),
            LocalDate.ofEpochDay(arrival).toString(),
            windowDays,
            address,
            text,
            "eoa",
            risk,
            Math.round((0.6 + 0.39 * Hashing.unit(h ^ 0x434F4E46L)) * 1e4) / 1e4,
            source);
    return new LabelEvent(arrival, label, day, illicit, source);
  }
}

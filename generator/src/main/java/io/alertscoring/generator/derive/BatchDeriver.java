package io.alertscoring.generator.derive;

import io.alertscoring.generator.rng.Hashing;
import io.alertscoring.generator.rng.SplitRandom;
import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Turns one window of transfers into SOT records: rule analyzers raise candidates on accounts
 * active on the processing date, the best {@code budget} become alerts (at most {@code
 * maxAlertsPerAddress} per account), every alerted account gets its features, every pair touching
 * an alerted account its money flow, and alerted accounts linked by a direct non-hub transfer form
 * clusters. Output order is by address (alerts, features) or by pair (flows): never by score, so
 * record position carries no signal.
 */
public final class BatchDeriver {
  private static final int FEATURE_DAYS_HOURLY = 24;

  /**
   * Money flows are the evidence around alerts: the pairs between an alerted account and its
   * {@value} largest counterparties (by USD either way), plus every pair between two alerted
   * accounts. Without the cap a merchant's hundreds of customers would make flows 20x the alerts;
   * features are still computed from all transfers.
   */
  public static final int FLOW_COUNTERPARTY_CAP = 20;

  private final DeriveConfig cfg;
  private final AssetCatalog assets;

  public BatchDeriver(DeriveConfig cfg, AssetCatalog assets) {
    this.cfg = cfg;
    this.assets = assets;
  }

  /**
   * @param buffer the window's transfers (times within the window ending on the processing date)
   * @param idPrefix prefix of alert and cluster ids, unique per window within the batch
   * @param budget most alerts this window may raise
   * @param seed stream for analyzer noise and dropped feature groups
   */
  public DerivedBatch derive(
      TransferBuffer buffer,
      NodeDirectory dir,
      BatchKey key,
      String idPrefix,
      int budget,
      long seed) {
    return derive(buffer, dir, key, idPrefix, budget, seed, k -> false, budget);
  }

  /**
   * As {@link #derive(TransferBuffer, NodeDirectory, BatchKey, String, int, long)}, with at most
   * {@code positiveQuota} of the alerts on accounts {@code positive} accepts (the economy's truth):
   * the analyzers' best-scored positives up to the quota, then their best-scored other candidates.
   * Only if the other candidates run out before the budget is full do further positives fill it, so
   * the alert count stays what it was. The truth decides which candidates are kept, never a feature
   * or a score of the records written.
   */
  public DerivedBatch derive(
      TransferBuffer buffer,
      NodeDirectory dir,
      BatchKey key,
      String idPrefix,
      int budget,
      long seed,
      LongPredicate positive,
      int positiveQuota) {
    long epochDay = LocalDate.parse(key.processingDate()).toEpochDay();
    WindowContext c = new WindowContext(buffer, dir, cfg, assets, epochDay, key.windowDays());
    List<Candidate> candidates = new RuleAnalyzers(c, SplitRandom.of(seed, 1, epochDay)).analyze();
    int candidateCount = candidates.size();

    // the analyzers' daily budget: best scores first, ties by account key then typology
    candidates.sort(
        Comparator.comparingDouble(Candidate::score)
            .reversed()
            .thenComparingLong(x -> buffer.key(x.node()))
            .thenComparing(Candidate::typology));
    int[] perNode = new int[buffer.nodeCount()];
    List<Candidate> chosen = new ArrayList<>();
    List<Candidate> overQuota = new ArrayList<>();
    int positives = 0;
    for (Candidate candidate : candidates) {
      if (chosen.size() >= budget) {
        break;
      }
      if (perNode[candidate.node()] < cfg.maxAlertsPerAddress()) {
        if (positive.test(buffer.key(candidate.node()))) {
          if (positives >= positiveQuota) {
            overQuota.add(candidate);
            continue;
          }
          positives++;
        }
        perNode[candidate.node()]++;
        chosen.add(candidate);
      }
    }
    for (Candidate candidate : overQuota) {
      if (chosen.size() >= budget) {
        break;
      }
      if (perNode[candidate.node()] < cfg.maxAlertsPerAddress()) {
        perNode[candidate.node()]++;
        chosen.add(candidate);
      }
    }
    String[] address = new String[buffer.nodeCount()];
    for (Candidate candidate : chosen) {
      int v = candidate.node();
      if (address[v] == null) {
        address[v] = dir.address(buffer.key(v));
      }
    }
    chosen.sort(
        Comparator.comparing((Candidate x) -> address[x.node()])
            .thenComparing(Candidate::typology));

    // features of each alerted account, in address order
    FeatureDeriver features = new FeatureDeriver(c, Hashing.combine(seed, epochDay));
    List<AddressFeatures> featureRecords = new ArrayList<>();
    AddressFeatures[] byNode = new AddressFeatures[buffer.nodeCount()];
    boolean[] alerted = new boolean[buffer.nodeCount()];
    for (Candidate candidate : chosen) {
      int v = candidate.node();
      if (!alerted[v]) {
        alerted[v] = true;
        byNode[v] = features.derive(v, key);
        featureRecords.add(byNode[v]);
      }
    }

    List<Alert> alerts = new ArrayList<>(chosen.size());
    long[] alertKeys = new long[chosen.size()];
    long[] alertTime = new long[chosen.size()];
    for (int i = 0; i < chosen.size(); i++) {
      Candidate candidate = chosen.get(i);
      int v = candidate.node();
      alertKeys[i] = buffer.key(v);
      alertTime[i] = c.lastTime(v);
      alerts.add(alert(key, idPrefix + "-" + pad(i, 5), address[v], candidate, byNode[v]));
    }

    List<MoneyFlow> flows = flows(c, key, alerted, address);
    List<AlertCluster> clusters = clusters(c, key, idPrefix, alerts, chosen, alertTime, alerted);
    return new DerivedBatch(alerts, alertKeys, featureRecords, clusters, flows, candidateCount);
  }

  private Alert alert(
      BatchKey key, String alertId, String address, Candidate c, AddressFeatures f) {
    double score = c.score();
    Severity severity =
        score >= 0.85
            ? Severity.CRITICAL
            : score >= 0.7 ? Severity.HIGH : score >= 0.45 ? Severity.MEDIUM : Severity.LOW;
    AddressType type;
    String subtype;
    double hourlyEntropy = f.value("hourly_entropy");
    if (f.value("is_mixer_like") == 1) {
      type = AddressType.MIXER;
      subtype = "mixer_denominations";
    } else if (f.value("degree_in") >= 40 && f.value("degree_out") <= 3) {
      type = AddressType.EXCHANGE;
      subtype = "deposit_like";
    } else if (!Double.isNaN(hourlyEntropy)
        && hourlyEntropy > 0.93
        && f.value("tx_total_count") >= 40) {
      type = AddressType.CONTRACT;
      subtype = "bot_like";
    } else if (Hashing.unit(Hashing.fnv1a(alertId)) < 0.04) {
      type = AddressType.UNKNOWN;
      subtype = "unresolved";
    } else {
      type = AddressType.EOA;
      subtype = f.value("is_new_address") == 1 ? "fresh_wallet" : "wallet";
    }
    List<String> indicators = new ArrayList<>();
    if (f.value("is_new_address") == 1) {
      indicators.add("new_address");
    }
    if (f.value("is_dormant_reactivated") == 1) {
      indicators.add("dormant_reactivated");
    }
    if (f.value("structuring_score") > 0.2) {
      indicators.add("near_threshold_amounts");
    }
    if (f.value("velocity_score") > 0.5) {
      indicators.add("high_velocity");
    }
    double night = f.value("night_transaction_ratio");
    if (!Double.isNaN(night) && night > 0.4) {
      indicators.add("night_activity");
    }
    if (f.value("degree_in") >= cfg.fanMinDegree()) {
      indicators.add("many_senders");
    }
    if (f.value("degree_out") >= cfg.fanMinDegree()) {
      indicators.add("many_recipients");
    }
    if (c.typology() == Typology.MIXER_HOP) {
      indicators.add("mixer_counterparty");
    }
    return new Alert(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        alertId,
        address,
        c.typology().wireName(),
        c.typology().ruleId(),
        "rule",
        severity,
        type,
        subtype,
        Num.round6(score),
        description(c, key.windowDays()),
        Num.usd(c.volumeUsd()),
        c.evidence(),
        indicators);
  }

  private static String description(Candidate c, int windowDays) {
    String what =
        switch (c.typology()) {
          case FAN_IN -> "many senders converging on one address";
          case FAN_OUT -> "one address spreading funds to many recipients";
          case CYCLE -> "funds returning to their origin through a cycle";
          case PEEL_CHAIN -> "pass-through with one dominant onward transfer (peel chain)";
          case LAYERING -> "fast pass-through split over several onward transfers";
          case SCATTER_GATHER -> "senders funded by a common source (scatter-gather)";
          case STRUCTURING -> "repeated amounts just under a reporting threshold";
          case MIXER_HOP -> "funds exchanged with a mixing service";
          case SUDDEN_ACTIVITY -> "new or reactivated address moving large sums";
        };
    return what
        + " within "
        + windowDays
        + " days, "
        + Num.usd(c.volumeUsd()).toPlainString()
        + " USD";
  }

  private List<MoneyFlow> flows(
      WindowContext c, BatchKey key, boolean[] alerted, String[] address) {
    WindowIndex w = c.w;
    TransferBuffer b = c.b;
    List<MoneyFlow> flows = new ArrayList<>();
    double[] assetUsd = new double[assets.count()];
    int[][] kept = new int[w.nodes][];
    for (int v = 0; v < w.nodes; v++) {
      if (alerted[v]) {
        kept[v] = keptCounterparties(w, v, alerted);
      }
    }
    for (int p = 0; p < w.pairCount; p++) {
      int u = w.pairFrom[p];
      int v = w.pairTo[p];
      boolean evidence =
          (alerted[u] && Arrays.binarySearch(kept[u], v) >= 0)
              || (alerted[v] && Arrays.binarySearch(kept[v], u) >= 0);
      if (!evidence) {
        continue;
      }
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      double usd = 0;
      double units = 0;
      Arrays.fill(assetUsd, 0);
      double[] hourly = cfg.timeOfDay() ? new double[FEATURE_DAYS_HOURLY] : null;
      double[] weekly = new double[7];
      long prevDay = Long.MIN_VALUE;
      int activeDays = 0;
      int count = w.pairStart[p + 1] - w.pairStart[p];
      for (int i = w.pairStart[p]; i < w.pairStart[p + 1]; i++) {
        int t = w.outIdx[i];
        long time = b.time[t];
        long day = Math.floorDiv(time, Num.DAY_MS);
        first = Math.min(first, time);
        last = Math.max(last, time);
        usd += b.usd[t];
        units += b.usd[t] / c.price(b.asset[t], time);
        assetUsd[b.asset[t]] += b.usd[t];
        if (hourly != null) {
          hourly[(int) (Math.floorMod(time, Num.DAY_MS) / Num.HOUR_MS)]++;
        }
        weekly[Num.dayOfWeek(day)]++;
        if (day != prevDay) {
          // transfers of a pair are time-ordered, so distinct days are runs
          activeDays++;
          prevDay = day;
        }
      }
      int uniqueAssets = 0;
      int dominant = 0;
      for (int a = 0; a < assetUsd.length; a++) {
        if (assetUsd[a] > 0) {
          uniqueAssets++;
        }
        if (assetUsd[a] > assetUsd[dominant]) {
          dominant = a;
        }
      }
      double back = w.pairVolume(v, u);
      double reciprocity = Math.min(usd, back) / Math.max(usd, back);
      flows.add(
          new MoneyFlow(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              address[u] != null ? address[u] : c.dir.address(b.key(u)),
              address[v] != null ? address[v] : c.dir.address(b.key(v)),
              count,
              Num.native8(units),
              Num.usd(usd),
              first,
              last,
              activeDays,
              Num.cents(usd / count),
              uniqueAssets,
              assets.name(dominant),
              hourly,
              weekly,
              Num.round6(reciprocity),
              back > 0));
    }
    return flows;
  }

  /** Sorted neighbour ids of v whose pairs with v are reported as money flows. */
  private static int[] keptCounterparties(WindowIndex w, int v, boolean[] alerted) {
    int start = w.adjOff[v];
    int degree = w.degree(v);
    if (degree <= FLOW_COUNTERPARTY_CAP) {
      return Arrays.copyOfRange(w.adj, start, start + degree);
    }
    Integer[] order = new Integer[degree];
    for (int i = 0; i < degree; i++) {
      order[i] = start + i;
    }
    // largest volume first, ties by neighbour id: a total order, so the choice is reproducible
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer e) -> -w.adjW[e]).thenComparingInt(e -> w.adj[e]));
    int[] out = new int[degree];
    int k = 0;
    for (int i = 0; i < degree; i++) {
      int u = w.adj[order[i]];
      if (i < FLOW_COUNTERPARTY_CAP || alerted[u]) {
        out[k++] = u;
      }
    }
    int[] result = Arrays.copyOf(out, k);
    Arrays.sort(result);
    return result;
  }

  private static List<AlertCluster> clusters(
      WindowContext c,
      BatchKey key,
      String idPrefix,
      List<Alert> alerts,
      List<Candidate> chosen,
      long[] alertTime,
      boolean[] alerted) {
    WindowIndex w = c.w;
    int n = w.nodes;
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (Candidate candidate : chosen) {
      int v = candidate.node();
      for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
        int u = w.adj[e];
        if (alerted[u] && !c.hub[u]) {
          int a = find(parent, v);
          int b = find(parent, u);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    // group alerts by component root, components in order of their first alert
    int[] distinctNodes = new int[n];
    boolean[] seen = new boolean[n];
    for (Candidate candidate : chosen) {
      int v = candidate.node();
      int r = find(parent, v);
      if (!seen[v]) {
        seen[v] = true;
        distinctNodes[r]++;
      }
    }
    List<AlertCluster> clusters = new ArrayList<>();
    boolean[] emitted = new boolean[n];
    for (int i = 0; i < chosen.size(); i++) {
      int root = find(parent, chosen.get(i).node());
      if (emitted[root] || distinctNodes[root] < 2) {
        continue;
      }
      emitted[root] = true;
      List<String> ids = new ArrayList<>();
      List<String> addresses = new ArrayList<>();
      double volume = 0;
      double confidence = 0;
      Severity max = Severity.LOW;
      long earliest = Long.MAX_VALUE;
      long latest = Long.MIN_VALUE;
      int[] typologyCount = new int[Typology.values().length];
      int best = -1;
      for (int j = 0; j < chosen.size(); j++) {
        if (find(parent, chosen.get(j).node()) != root) {
          continue;
        }
        Alert a = alerts.get(j);
        ids.add(a.alertId());
        if (!addresses.contains(a.address())) {
          addresses.add(a.address());
        }
        volume += a.volumeUsd().doubleValue();
        confidence += a.alertConfidenceScore();
        if (a.severity().compareTo(max) > 0) {
          max = a.severity();
        }
        earliest = Math.min(earliest, alertTime[j]);
        latest = Math.max(latest, alertTime[j]);
        typologyCount[chosen.get(j).typology().ordinal()]++;
        if (best < 0 || chosen.get(j).score() > chosen.get(best).score()) {
          best = j;
        }
      }
      int dominant = 0;
      for (int t = 1; t < typologyCount.length; t++) {
        if (typologyCount[t] > typologyCount[dominant]) {
          dominant = t;
        }
      }
      Alert primary = alerts.get(best);
      clusters.add(
          new AlertCluster(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              idPrefix + "-c" + pad(clusters.size(), 4),
              Typology.values()[dominant].wireName(),
              primary.address(),
              primary.patternId(),
              primary.alertId(),
              ids,
              addresses,
              ids.size(),
              Num.usd(volume),
              max,
              Num.round6(confidence / ids.size()),
              Math.max(0, earliest),
              Math.max(0, latest)));
    }
    return clusters;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  public static String pad(int value, int width) {
    String s = Integer.toString(value);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}

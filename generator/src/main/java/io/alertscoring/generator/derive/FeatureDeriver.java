package io.alertscoring.generator.derive;

import io.alertscoring.generator.rng.Hashing;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.FeatureColumns;
import java.util.Arrays;

/**
 * Computes the SOT feature columns of one account from its transfers in the window, the window
 * graph and the account's known history. Every value is derived, none is drawn: a column that
 * cannot be derived honestly from transfers stays missing (NaN): betweenness, closeness, the
 * upstream model outputs (behavioral/graph/neighborhood/global anomaly, suspicious pattern score)
 * and the upstream quality scores other than completeness. {@code is_contract_like} is 0 for every
 * account we alert (contracts are hubs here). Definitions that the SOT names but does not define
 * are documented in docs/generator.md.
 */
final class FeatureDeriver {
  private static final String[] GRAPH_COLUMNS = {
    "pagerank", "clustering_coefficient", "kcore", "community_id", "centrality_score",
    "khop1_count", "khop2_count", "khop3_count", "khop1_volume_usd", "khop2_volume_usd",
    "khop3_volume_usd"
  };

  private static int col(String name) {
    int i = FeatureColumns.indexOf(name);
    if (i < 0) {
      throw new IllegalStateException("unknown feature column " + name);
    }
    return i;
  }

  private static final int DEGREE_IN = col("degree_in");
  private static final int DEGREE_OUT = col("degree_out");
  private static final int DEGREE_TOTAL = col("degree_total");
  private static final int UNIQUE_COUNTERPARTIES = col("unique_counterparties");
  private static final int TOTAL_IN = col("total_in_usd");
  private static final int TOTAL_OUT = col("total_out_usd");
  private static final int NET_FLOW = col("net_flow_usd");
  private static final int TOTAL_VOLUME = col("total_volume_usd");
  private static final int AVG_IN = col("avg_tx_in_usd");
  private static final int AVG_OUT = col("avg_tx_out_usd");
  private static final int MEDIAN_IN = col("median_tx_in_usd");
  private static final int MEDIAN_OUT = col("median_tx_out_usd");
  private static final int MAX_TX = col("max_tx_usd");
  private static final int MIN_TX = col("min_tx_usd");
  private static final int VARIANCE = col("amount_variance");
  private static final int SKEWNESS = col("amount_skewness");
  private static final int KURTOSIS = col("amount_kurtosis");
  private static final int VOLUME_STD = col("volume_std");
  private static final int VOLUME_CV = col("volume_cv");
  private static final int FLOW_CONCENTRATION = col("flow_concentration");
  private static final int TX_IN = col("tx_in_count");
  private static final int TX_OUT = col("tx_out_count");
  private static final int TX_TOTAL = col("tx_total_count");
  private static final int ACTIVITY_DAYS = col("activity_days");
  private static final int ACTIVITY_SPAN = col("activity_span_days");
  private static final int AVG_DAILY_VOLUME = col("avg_daily_volume_usd");
  private static final int PEAK_HOUR = col("peak_hour");
  private static final int PEAK_DAY = col("peak_day");
  private static final int REGULARITY = col("regularity_score");
  private static final int BURST = col("burst_factor");
  private static final int RECIPROCITY = col("reciprocity_ratio");
  private static final int FLOW_DIVERSITY = col("flow_diversity");
  private static final int CP_CONCENTRATION = col("counterparty_concentration");
  private static final int CONCENTRATION_RATIO = col("concentration_ratio");
  private static final int VELOCITY = col("velocity_score");
  private static final int STRUCTURING = col("structuring_score");
  private static final int ASSETS_IN = col("unique_assets_in");
  private static final int ASSETS_OUT = col("unique_assets_out");
  private static final int ASSET_DIVERSITY = col("asset_diversity_score");
  private static final int PEAK_ACTIVITY_HOUR = col("peak_activity_hour");
  private static final int PEAK_ACTIVITY_DAY = col("peak_activity_day");
  private static final int HOURLY_ENTROPY = col("hourly_entropy");
  private static final int DAILY_ENTROPY = col("daily_entropy");
  private static final int WEEKEND_RATIO = col("weekend_transaction_ratio");
  private static final int NIGHT_RATIO = col("night_transaction_ratio");
  private static final int SMALL_RATIO = col("small_transaction_ratio");
  private static final int CONSISTENCY = col("consistency_score");
  private static final int PAGERANK = col("pagerank");
  private static final int CLUSTERING = col("clustering_coefficient");
  private static final int KCORE = col("kcore");
  private static final int COMMUNITY = col("community_id");
  private static final int CENTRALITY = col("centrality_score");
  private static final int KHOP1 = col("khop1_count");
  private static final int KHOP1_VOLUME = col("khop1_volume_usd");
  private static final int RECIPROCITY_ENTROPY = col("flow_reciprocity_entropy");
  private static final int CP_STABILITY = col("counterparty_stability");
  private static final int BURSTINESS = col("flow_burstiness");
  private static final int TX_REGULARITY = col("transaction_regularity");
  private static final int AMOUNT_PREDICTABILITY = col("amount_predictability");
  private static final int OUTLIER_TX = col("outlier_transactions");
  private static final int IS_EXCHANGE_LIKE = col("is_exchange_like");
  private static final int IS_WHALE = col("is_whale");
  private static final int IS_MIXER_LIKE = col("is_mixer_like");
  private static final int IS_CONTRACT_LIKE = col("is_contract_like");
  private static final int IS_NEW = col("is_new_address");
  private static final int IS_DORMANT_REACTIVATED = col("is_dormant_reactivated");
  private static final int IS_HIGH_VOLUME_TRADER = col("is_high_volume_trader");
  private static final int IS_HUB = col("is_hub_address");
  private static final int IS_RETAIL_ACTIVE = col("is_retail_active");
  private static final int IS_WHALE_INACTIVE = col("is_whale_inactive");
  private static final int IS_RETAIL_INACTIVE = col("is_retail_inactive");
  private static final int IS_REGULAR_USER = col("is_regular_user");
  private static final int UNIQUE_RECIPIENTS = col("unique_recipients_count");
  private static final int UNIQUE_SENDERS = col("unique_senders_count");
  private static final int COMPLETENESS = col("completeness_score");
  private static final int FIRST_ACTIVITY = col("first_activity_timestamp");
  private static final int LAST_ACTIVITY = col("last_activity_timestamp");

  private final WindowContext c;
  private final long dropSeed;
  private final double[] amounts;
  private final double[] inAmounts;
  private final double[] outAmounts;
  private final long[] times;
  private final double[] gaps;
  private final int[] mark;
  private final int[] queue;
  private int stamp;

  FeatureDeriver(WindowContext context, long dropSeed) {
    this.c = context;
    this.dropSeed = dropSeed;
    int max = context.maxTransfersPerNode();
    amounts = new double[max];
    inAmounts = new double[max];
    outAmounts = new double[max];
    times = new long[max];
    gaps = new double[max];
    mark = new int[context.w.nodes];
    queue = new int[context.w.nodes];
  }

  /** The features of node {@code v} for the batch {@code key}. */
  AddressFeatures derive(int v, BatchKey key) {
    WindowIndex w = c.w;
    TransferBuffer b = c.b;
    DeriveConfig cfg = c.cfg;
    double[] x = AddressFeatures.allMissing();
    int W = c.windowDays;

    int nIn = w.inOff[v + 1] - w.inOff[v];
    int nOut = w.outOff[v + 1] - w.outOff[v];
    int n = nIn + nOut;
    double inUsd = 0;
    double outUsd = 0;
    double maxTx = 0;
    double minTx = Double.MAX_VALUE;
    int small = 0;
    int near = 0;
    double[] dailyVolume = new double[W];
    double[] dailyCount = new double[W];
    double[] hourly = new double[24];
    double[] hourlyUsd = new double[24];
    double[] weekly = new double[7];
    double[] weeklyUsd = new double[7];
    double[] assetIn = new double[c.assets.count()];
    double[] assetOut = new double[c.assets.count()];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int k = 0;
    for (int i = 0; i < n; i++) {
      boolean incoming = i < nIn;
      int t = incoming ? w.inIdx[w.inOff[v] + i] : w.outIdx[w.outOff[v] + i - nIn];
      double a = b.usd[t];
      long time = b.time[t];
      amounts[k] = a;
      times[k] = time;
      k++;
      if (incoming) {
        inAmounts[i] = a;
        inUsd += a;
        assetIn[b.asset[t]] += a;
      } else {
        outAmounts[i - nIn] = a;
        outUsd += a;
        assetOut[b.asset[t]] += a;
      }
      maxTx = Math.max(maxTx, a);
      minTx = Math.min(minTx, a);
      if (a < cfg.smallTxUsd()) {
        small++;
      }
      for (double th : cfg.structuringThresholds()) {
        if (a >= 0.85 * th && a < th) {
          near++;
          break;
        }
      }
      int d = c.dayIndex(time);
      dailyVolume[d] += a;
      dailyCount[d]++;
      long epochDay = Math.floorDiv(time, Num.DAY_MS);
      int dow = Num.dayOfWeek(epochDay);
      weekly[dow]++;
      weeklyUsd[dow] += a;
      int hour = (int) (Math.floorMod(time, Num.DAY_MS) / Num.HOUR_MS);
      hourly[hour]++;
      hourlyUsd[hour] += a;
      first = Math.min(first, time);
      last = Math.max(last, time);
    }
    double total = inUsd + outUsd;

    // topology
    int degIn = c.inDegree(v);
    int degOut = c.outDegree(v);
    int degree = w.degree(v);
    x[DEGREE_IN] = degIn;
    x[DEGREE_OUT] = degOut;
    x[DEGREE_TOTAL] = degIn + degOut;
    x[UNIQUE_COUNTERPARTIES] = degree;
    x[UNIQUE_SENDERS] = degIn;
    x[UNIQUE_RECIPIENTS] = degOut;

    // volume
    x[TOTAL_IN] = Num.cents(inUsd);
    x[TOTAL_OUT] = Num.cents(outUsd);
    x[NET_FLOW] = Num.cents(inUsd - outUsd);
    x[TOTAL_VOLUME] = Num.cents(total);
    x[AVG_IN] = nIn > 0 ? Num.cents(inUsd / nIn) : 0;
    x[AVG_OUT] = nOut > 0 ? Num.cents(outUsd / nOut) : 0;
    x[MEDIAN_IN] = nIn > 0 ? Num.cents(Num.median(inAmounts, nIn)) : 0;
    x[MEDIAN_OUT] = nOut > 0 ? Num.cents(Num.median(outAmounts, nOut)) : 0;
    x[MAX_TX] = Num.cents(maxTx);
    x[MIN_TX] = n > 0 ? Num.cents(minTx) : 0;

    // distribution (population moments of all amounts)
    double mean = n > 0 ? total / n : 0;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int i = 0; i < n; i++) {
      double dlt = amounts[i] - mean;
      double d2 = dlt * dlt;
      m2 += d2;
      m3 += d2 * dlt;
      m4 += d2 * d2;
    }
    double variance = n > 0 ? m2 / n : Double.NaN;
    double sd = Math.sqrt(variance);
    x[VARIANCE] = n >= 2 ? Num.cents(variance) : Double.NaN;
    x[SKEWNESS] = n >= 3 && sd > 0 ? Num.round6((m3 / n) / (sd * sd * sd)) : Double.NaN;
    x[KURTOSIS] = n >= 4 && sd > 0 ? Num.round6((m4 / n) / (variance * variance) - 3) : Double.NaN;
    double dMean = total / W;
    double dVar = 0;
    for (int d = 0; d < W; d++) {
      dVar += (dailyVolume[d] - dMean) * (dailyVolume[d] - dMean);
    }
    double dStd = Math.sqrt(dVar / W);
    x[VOLUME_STD] = Num.cents(dStd);
    x[VOLUME_CV] = dMean > 0 ? Num.round6(dStd / dMean) : Double.NaN;

    // counterparties (both directions, from the undirected adjacency)
    double top1 = 0;
    double top2 = 0;
    double top3 = 0;
    double hhi = 0;
    double entropy = 0;
    double adjTotal = 0;
    for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
      adjTotal += w.adjW[e];
    }
    int both = 0;
    double[] recipBins = new double[5];
    for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
      double share = adjTotal > 0 ? w.adjW[e] / adjTotal : 0;
      hhi += share * share;
      if (share > 0) {
        entropy -= share * StrictMath.log(share);
      }
      if (w.adjW[e] > top1) {
        top3 = top2;
        top2 = top1;
        top1 = w.adjW[e];
      } else if (w.adjW[e] > top2) {
        top3 = top2;
        top2 = w.adjW[e];
      } else if (w.adjW[e] > top3) {
        top3 = w.adjW[e];
      }
      int u = w.adj[e];
      double sent = w.pairVolume(v, u);
      double received = w.adjW[e] - sent;
      double r =
          Math.max(sent, received) > 0 ? Math.min(sent, received) / Math.max(sent, received) : 0;
      if (sent > 0 && received > 0) {
        both++;
      }
      recipBins[Math.min(4, (int) (r * 5))]++;
    }
    x[FLOW_CONCENTRATION] = Num.round6(hhi);
    x[FLOW_DIVERSITY] = degree >= 2 ? Num.round6(entropy / StrictMath.log(degree)) : 0;
    x[CP_CONCENTRATION] = adjTotal > 0 ? Num.round6(top1 / adjTotal) : Double.NaN;
    x[CONCENTRATION_RATIO] =
        adjTotal > 0 ? Num.round6((top1 + top2 + top3) / adjTotal) : Double.NaN;
    x[RECIPROCITY] = degree > 0 ? Num.round6((double) both / degree) : 0;
    x[RECIPROCITY_ENTROPY] =
        degree > 0 ? Num.round6(Num.normalizedEntropy(recipBins, 5)) : Double.NaN;

    // counts
    x[TX_IN] = nIn;
    x[TX_OUT] = nOut;
    x[TX_TOTAL] = n;

    // temporal
    int activeDays = 0;
    double maxDaily = 0;
    for (int d = 0; d < W; d++) {
      if (dailyCount[d] > 0) {
        activeDays++;
      }
      maxDaily = Math.max(maxDaily, dailyCount[d]);
    }
    long firstActivity = c.firstActivity(v);
    x[ACTIVITY_DAYS] = activeDays;
    x[ACTIVITY_SPAN] = Num.round6(Math.max(0, last - firstActivity) / (double) Num.DAY_MS);
    x[AVG_DAILY_VOLUME] = activeDays > 0 ? Num.cents(total / activeDays) : 0;
    x[BURST] = n > 0 ? Num.round6(maxDaily / ((double) n / W)) : Double.NaN;
    double cMean = (double) n / W;
    double cVar = 0;
    for (int d = 0; d < W; d++) {
      cVar += (dailyCount[d] - cMean) * (dailyCount[d] - cMean);
    }
    double cCv = cMean > 0 ? Math.sqrt(cVar / W) / cMean : Double.NaN;
    x[CONSISTENCY] = Double.isNaN(cCv) ? Double.NaN : Num.round6(1 / (1 + cCv));

    Arrays.sort(times, 0, n);
    int g = 0;
    for (int i = 1; i < n; i++) {
      gaps[g++] = times[i] - times[i - 1];
    }
    if (g >= 2) {
      double gMean = 0;
      for (int i = 0; i < g; i++) {
        gMean += gaps[i];
      }
      gMean /= g;
      double gVar = 0;
      for (int i = 0; i < g; i++) {
        gVar += (gaps[i] - gMean) * (gaps[i] - gMean);
      }
      double gSd = Math.sqrt(gVar / g);
      x[REGULARITY] = gMean > 0 ? Num.round6(1 / (1 + gSd / gMean)) : 1;
      x[BURSTINESS] = gSd + gMean > 0 ? Num.round6((gSd - gMean) / (gSd + gMean)) : Double.NaN;
      double medianGap = Num.median(gaps, g);
      int regular = 0;
      for (int i = 0; i < g; i++) {
        if (gaps[i] >= 0.8 * medianGap && gaps[i] <= 1.2 * medianGap) {
          regular++;
        }
      }
      x[TX_REGULARITY] = Num.round6((double) regular / g);
    }

    // flow
    double hold = c.medianHoldHours(v, times, gaps);
    double balance =
        Math.max(inUsd, outUsd) > 0 ? Math.min(inUsd, outUsd) / Math.max(inUsd, outUsd) : 0;
    x[VELOCITY] = Double.isNaN(hold) ? 0 : Num.round6(balance / (1 + hold / 24));
    x[STRUCTURING] = n > 0 ? Num.round6((double) near / n) : 0;

    // assets
    x[ASSETS_IN] = countPositive(assetIn);
    x[ASSETS_OUT] = countPositive(assetOut);
    double[] assetAll = new double[assetIn.length];
    for (int a = 0; a < assetAll.length; a++) {
      assetAll[a] = assetIn[a] + assetOut[a];
    }
    x[ASSET_DIVERSITY] =
        Num.round6(Num.normalizedEntropy(assetAll, Math.max(2, countPositive(assetAll))));
    if (countPositive(assetAll) < 2) {
      x[ASSET_DIVERSITY] = 0;
    }

    // behaviour
    x[PEAK_DAY] = argmax(weekly);
    x[PEAK_ACTIVITY_DAY] = argmax(weeklyUsd);
    x[DAILY_ENTROPY] = Num.round6(Num.normalizedEntropy(weekly, 7));
    x[WEEKEND_RATIO] = n > 0 ? Num.round6((weekly[5] + weekly[6]) / n) : 0;
    x[SMALL_RATIO] = n > 0 ? Num.round6((double) small / n) : 0;
    double[] hourlyOut = null;
    if (cfg.timeOfDay()) {
      x[PEAK_HOUR] = argmax(hourly);
      x[PEAK_ACTIVITY_HOUR] = argmax(hourlyUsd);
      x[HOURLY_ENTROPY] = Num.round6(Num.normalizedEntropy(hourly, 24));
      double night = 0;
      for (int h = 0; h < 6; h++) {
        night += hourly[h];
      }
      x[NIGHT_RATIO] = n > 0 ? Num.round6(night / n) : 0;
      hourlyOut = hourly;
    }

    // amounts: predictability over quarter-decade bins, own-distribution outliers
    double[] bins = new double[48];
    for (int i = 0; i < n; i++) {
      int bin = (int) Math.floor(4 * StrictMath.log10(Math.max(0.01, amounts[i])) + 8);
      bins[Math.max(0, Math.min(47, bin))]++;
    }
    x[AMOUNT_PREDICTABILITY] =
        n >= 2 ? Num.round6(1 - Num.normalizedEntropy(bins, Math.min(n, 48))) : Double.NaN;
    System.arraycopy(amounts, 0, inAmounts, 0, n);
    Arrays.sort(inAmounts, 0, n);
    int outliers = 0;
    if (n >= 4) {
      double q1 = inAmounts[n / 4];
      double q3 = inAmounts[(3 * n) / 4];
      double limit = q3 + 3 * (q3 - q1);
      for (int i = 0; i < n; i++) {
        if (inAmounts[i] > limit) {
          outliers++;
        }
      }
    }
    x[OUTLIER_TX] = outliers;

    // counterparty stability: Jaccard of counterparties in the window's two halves
    x[CP_STABILITY] = stability(v, W);

    // graph
    GraphMetrics gm = c.graph();
    x[PAGERANK] = Num.round12(gm.pagerank[v]);
    x[CLUSTERING] = Num.round6(gm.clustering(v));
    x[KCORE] = gm.core[v];
    x[COMMUNITY] = gm.community[v];
    x[CENTRALITY] = w.nodes > 1 ? Num.round12((double) degree / (w.nodes - 1)) : 0;
    double[] counts = new double[3];
    double[] volumes = new double[3];
    gm.khop(v, mark, queue, ++stamp, counts, volumes);
    for (int h = 0; h < 3; h++) {
      x[KHOP1 + h] = counts[h];
      x[KHOP1_VOLUME + h] = Num.cents(volumes[h]);
    }

    // flags (behavioural definitions, see docs/generator.md)
    boolean mixerLike = mixerLike(v, n);
    x[IS_EXCHANGE_LIKE] = flag(degIn >= 50 && degOut >= 20);
    x[IS_WHALE] = flag(total >= cfg.whaleUsd());
    x[IS_MIXER_LIKE] = flag(mixerLike);
    x[IS_CONTRACT_LIKE] = 0;
    x[IS_NEW] = flag(firstActivity >= c.windowStart);
    int dormant = c.dir.dormantReactivated(c.b.key(v), c.epochDay);
    x[IS_DORMANT_REACTIVATED] = dormant < 0 ? Double.NaN : dormant;
    x[IS_HIGH_VOLUME_TRADER] = flag(n >= 100 && total >= 100_000);
    x[IS_HUB] = flag(degree >= 100);
    x[IS_RETAIL_ACTIVE] = flag(total < 10_000 && n >= 5);
    x[IS_WHALE_INACTIVE] = flag(total >= cfg.whaleUsd() && activeDays <= 1);
    x[IS_RETAIL_INACTIVE] = flag(total < 10_000 && n < 5);
    x[IS_REGULAR_USER] = flag(activeDays * 2 >= W && !Double.isNaN(cCv) && cCv <= 1);

    x[FIRST_ACTIVITY] = firstActivity;
    x[LAST_ACTIVITY] = last;

    // upstream graph job lagging for a few rows: the graph group is missing
    if (c.cfg.graphDropRate() > 0
        && Hashing.unit(Hashing.combine(dropSeed, c.b.key(v))) < c.cfg.graphDropRate()) {
      for (String column : GRAPH_COLUMNS) {
        x[col(column)] = Double.NaN;
      }
    }
    int present = 0;
    for (double value : x) {
      if (!Double.isNaN(value)) {
        present++;
      }
    }
    x[COMPLETENESS] = Num.round6((present + 1.0) / x.length);

    String dominantIn = nIn > 0 ? c.assets.name(argmax(assetIn)) : null;
    String dominantOut = nOut > 0 ? c.assets.name(argmax(assetOut)) : null;
    return new AddressFeatures(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        c.dir.address(c.b.key(v)),
        x,
        dominantIn,
        dominantOut,
        hourlyOut,
        weekly);
  }

  private double stability(int v, int W) {
    if (W < 2) {
      return Double.NaN;
    }
    WindowIndex w = c.w;
    int half = W / 2;
    int early = 0;
    int late = 0;
    int shared = 0;
    for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
      int u = w.adj[e];
      boolean seenEarly = false;
      boolean seenLate = false;
      for (int p = w.pairOff[v]; p < w.pairOff[v + 1]; p++) {
        if (w.pairTo[p] == u) {
          for (int i = w.pairStart[p]; i < w.pairStart[p + 1]; i++) {
            if (c.dayIndex(c.b.time[w.outIdx[i]]) < half) {
              seenEarly = true;
            } else {
              seenLate = true;
            }
          }
          break;
        }
      }
      for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
        int t = w.inIdx[i];
        if (c.b.from[t] == u) {
          if (c.dayIndex(c.b.time[t]) < half) {
            seenEarly = true;
          } else {
            seenLate = true;
          }
        }
      }
      if (seenEarly) {
        early++;
      }
      if (seenLate) {
        late++;
      }
      if (seenEarly && seenLate) {
        shared++;
      }
    }
    if (early == 0 || late == 0) {
      return Double.NaN;
    }
    return Num.round6((double) shared / (early + late - shared));
  }

  /** Most transfers (at least 3) are whole mixer denominations of a native asset. */
  private boolean mixerLike(int v, int n) {
    if (n < 3) {
      return false;
    }
    WindowIndex w = c.w;
    int round = 0;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      if (isDenomination(w.outIdx[i])) {
        round++;
      }
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      if (isDenomination(w.inIdx[i])) {
        round++;
      }
    }
    return round * 10 >= n * 6;
  }

  boolean isDenomination(int t) {
    double price = c.price(c.b.asset[t], c.b.time[t]);
    if (price == 1.0) {
      return false; // stablecoins and unit-less sources have no mixer denominations
    }
    double units = c.b.usd[t] / price;
    double power = StrictMath.pow(10, StrictMath.floor(StrictMath.log10(units) + 1e-9));
    return Math.abs(units / power - 1) < 1e-6;
  }

  private static double flag(boolean b) {
    return b ? 1 : 0;
  }

  private static int countPositive(double[] values) {
    int k = 0;
    for (double v : values) {
      if (v > 0) {
        k++;
      }
    }
    return k;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}

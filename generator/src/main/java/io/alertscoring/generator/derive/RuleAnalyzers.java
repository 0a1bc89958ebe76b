package io.alertscoring.generator.derive;

import io.alertscoring.generator.rng.SplitRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Simple rule analyzers, as upstream runs them: each looks at one account's window aggregates and
 * fires above fixed thresholds. They are deliberately imperfect: merchants trip the fan-in rule,
 * payroll payers the fan-out rule, bot rings the cycle rule, traders the structuring rule, privacy
 * users the mixer rule; careful launderers stay under every threshold. Only accounts with at least
 * one transfer on the processing date are examined (the analyzers run daily over the window).
 *
 * <p>Scores are on a logit scale plus analyzer noise, mapped to [0, 1]; the noise makes the daily
 * budget cut (top-N by score) fuzzy, as real analyzer confidence is.
 */
final class RuleAnalyzers {
  private final WindowContext c;
  private final SplitRandom noise;
  private final long[] scratchTimes;
  private final double[] scratchHolds;
  private final int[] mark;
  private final int[] counter;
  private int stamp;

  RuleAnalyzers(WindowContext context, SplitRandom noise) {
    this.c = context;
    this.noise = noise;
    int max = context.maxTransfersPerNode();
    this.scratchTimes = new long[max];
    this.scratchHolds = new double[max];
    this.mark = new int[context.w.nodes];
    this.counter = new int[context.w.nodes];
  }

  List<Candidate> analyze() {
    List<Candidate> out = new ArrayList<>();
    WindowIndex w = c.w;
    DeriveConfig cfg = c.cfg;
    for (int v = 0; v < w.nodes; v++) {
      if (c.hub[v] || !activeOnProcessingDate(v)) {
        continue;
      }
      int degIn = c.inDegree(v);
      int degOut = c.outDegree(v);
      double inUsd = c.inUsd(v);
      double outUsd = c.outUsd(v);
      int nIn = w.inOff[v + 1] - w.inOff[v];
      int nOut = w.outOff[v + 1] - w.outOff[v];

      if (degIn >= cfg.fanMinDegree() && inUsd >= cfg.fanMinUsd()) {
        double forward = inUsd > 0 ? outUsd / inUsd : 0;
        double z =
            1.1 * Num.ln((double) degIn / cfg.fanMinDegree())
                + 0.35 * Num.ln(Math.max(1, inUsd) / Math.max(1, cfg.fanMinUsd()))
                + (forward >= 0.8 ? 0.8 : 0)
                - 0.6;
        add(
            out,
            v,
            Typology.FAN_IN,
            z,
            inUsd,
            "\"senders\":" + degIn + ",\"in_usd\":" + usd(inUsd));
      }
      if (degOut >= cfg.fanMinDegree() && outUsd >= cfg.fanMinUsd()) {
        double ratio = inUsd > 0 ? outUsd / inUsd : 0;
        double z =
            1.1 * Num.ln((double) degOut / cfg.fanMinDegree())
                + 0.35 * Num.ln(Math.max(1, outUsd) / Math.max(1, cfg.fanMinUsd()))
                + (ratio >= 0.8 && ratio <= 1.05 ? 0.8 : 0)
                - 0.6;
        add(
            out,
            v,
            Typology.FAN_OUT,
            z,
            outUsd,
            "\"recipients\":" + degOut + ",\"out_usd\":" + usd(outUsd));
      }
      if (inUsd >= cfg.passMinUsd() && degIn >= 1 && degIn <= 3 && degOut >= 2 && degOut <= 6) {
        double ratio = outUsd / inUsd;
        if (ratio >= 0.75 && ratio <= 1.02) {
          double hold = c.medianHoldHours(v, scratchTimes, scratchHolds);
          if (!Double.isNaN(hold) && hold <= 48) {
            double top = 0;
            for (int p = w.pairOff[v]; p < w.pairOff[v + 1]; p++) {
              top = Math.max(top, w.pairUsd[p]);
            }
            Typology t = top / outUsd >= 0.6 ? Typology.PEEL_CHAIN : Typology.LAYERING;
            double z =
                2.5 * (ratio - 0.75)
                    + 0.4 * Num.ln(Math.max(1, inUsd) / Math.max(1, cfg.passMinUsd()))
                    - 0.5 * hold / 24
                    + 0.2;
            add(
                out,
                v,
                t,
                z,
                inUsd,
                "\"pass_through_ratio\":"
                    + Num.round6(ratio)
                    + ",\"median_hold_hours\":"
                    + Num.round6(hold)
                    + ",\"in_usd\":"
                    + usd(inUsd));
          }
        }
      }
      if (degIn >= 1 && degOut >= 1) {
        int[] cycle = findCycle(v);
        if (cycle != null) {
          double z =
              1.0
                  + 0.3 * Num.ln(cycle[1] / Math.max(1, cfg.cycleMinEdgeUsd()))
                  - 0.15 * (cycle[0] - 3);
          add(
              out,
              v,
              Typology.CYCLE,
              z,
              outUsd,
              "\"cycle_length\":" + cycle[0] + ",\"min_edge_usd\":" + cycle[1]);
        }
      }
      if (degIn >= 4) {
        double frac = commonGrandSourceShare(v);
        if (frac >= 0.5) {
          double z =
              1.5 * frac + 0.3 * Num.ln(Math.max(1, inUsd) / Math.max(1, cfg.fanMinUsd())) - 0.3;
          add(
              out,
              v,
              Typology.SCATTER_GATHER,
              z,
              inUsd,
              "\"common_source_share\":" + Num.round6(frac) + ",\"senders\":" + degIn);
        }
      }
      int near = nearThreshold(v);
      if (near >= cfg.structuringMinCount()) {
        double z =
            0.6 * (near - cfg.structuringMinCount()) + 1.5 * near / (double) (nIn + nOut) - 0.4;
        add(
            out,
            v,
            Typology.STRUCTURING,
            z,
            inUsd + outUsd,
            "\"near_threshold_transfers\":" + near);
      }
      double mixUsd = mixerUsd(v);
      if (mixUsd >= cfg.mixerMinUsd()) {
        double z = 0.45 * Num.ln(mixUsd / cfg.mixerMinUsd()) - 0.2;
        add(out, v, Typology.MIXER_HOP, z, mixUsd, "\"mixer_usd\":" + usd(mixUsd));
      }
      double volume = inUsd + outUsd;
      if (volume >= cfg.suddenMinUsd()) {
        boolean fresh = c.firstActivity(v) >= c.windowStart;
        boolean reactivated = c.dir.dormantReactivated(c.b.key(v), c.epochDay) == 1;
        if (fresh || reactivated) {
          double z = 0.5 * Num.ln(volume / cfg.suddenMinUsd()) - 0.1;
          add(
              out,
              v,
              Typology.SUDDEN_ACTIVITY,
              z,
              volume,
              "\"new_address\":" + fresh + ",\"dormant_reactivated\":" + reactivated);
        }
      }
    }
    return out;
  }

  private void add(List<Candidate> out, int v, Typology t, double z, double volume, String detail) {
    double score = Num.round6(Num.logistic(z + c.cfg.analyzerNoise() * noise.gaussian()));
    out.add(
        new Candidate(
            v,
            t,
            score,
            volume,
            "{\"rule\":\""
                + t.ruleId()
                + "\",\"window_days\":"
                + c.windowDays
                + ","
                + detail
                + ",\"rule_score\":"
                + score
                + "}"));
  }

  private static String usd(double v) {
    return Num.usd(v).toPlainString();
  }

  private boolean activeOnProcessingDate(int v) {
    WindowIndex w = c.w;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      if (c.b.time[w.outIdx[i]] >= c.dayStart) {
        return true;
      }
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      if (c.b.time[w.inIdx[i]] >= c.dayStart) {
        return true;
      }
    }
    return false;
  }

  private int nearThreshold(int v) {
    WindowIndex w = c.w;
    int near = 0;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      if (isNear(c.b.usd[w.outIdx[i]])) {
        near++;
      }
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      if (isNear(c.b.usd[w.inIdx[i]])) {
        near++;
      }
    }
    return near;
  }

  boolean isNear(double amount) {
    for (double t : c.cfg.structuringThresholds()) {
      if (amount >= 0.85 * t && amount < t) {
        return true;
      }
    }
    return false;
  }

  private double mixerUsd(int v) {
    WindowIndex w = c.w;
    double s = 0;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      int t = w.outIdx[i];
      if (c.mixer[c.b.to[t]]) {
        s += c.b.usd[t];
      }
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      int t = w.inIdx[i];
      if (c.mixer[c.b.from[t]]) {
        s += c.b.usd[t];
      }
    }
    return s;
  }

  /**
   * Share of v's non-hub senders that were all funded by one common account (scatter-gather: one
   * source splits, many intermediates, one sink).
   */
  private double commonGrandSourceShare(int v) {
    WindowIndex w = c.w;
    stamp++;
    int senders = 0;
    int best = 0;
    int prev = -1;
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      int s = c.b.from[w.inIdx[i]];
      if (s == prev || c.hub[s]) {
        prev = s;
        continue;
      }
      prev = s;
      senders++;
      int prevG = -1;
      for (int j = w.inOff[s]; j < w.inOff[s + 1]; j++) {
        int g = c.b.from[w.inIdx[j]];
        if (g == prevG || g == v || c.hub[g]) {
          prevG = g;
          continue;
        }
        prevG = g;
        if (mark[g] != stamp) {
          mark[g] = stamp;
          counter[g] = 0;
        }
        best = Math.max(best, ++counter[g]);
      }
    }
    return senders >= 4 && best >= 3 ? (double) best / senders : 0;
  }

  /**
   * A directed cycle through v over non-hub edges of at least {@code cycleMinEdgeUsd}, whose edge
   * volumes stay within a factor 2 of the first edge (value moving round, not unrelated payments).
   * Returns {length, min edge USD} of the shortest found, or null. Depth-first, bounded to 4,000
   * steps per start node.
   */
  private int[] findCycle(int v) {
    WindowIndex w = c.w;
    DeriveConfig cfg = c.cfg;
    int maxLen = cfg.cycleMaxLength();
    int[] path = new int[maxLen + 1];
    int[] next = new int[maxLen + 1];
    double[] minEdge = new double[maxLen + 1];
    int budget = 4_000;
    int[] best = null;
    for (int p0 = w.pairOff[v]; p0 < w.pairOff[v + 1]; p0++) {
      int first = w.pairTo[p0];
      double ref = w.pairUsd[p0];
      if (c.hub[first] || ref < cfg.cycleMinEdgeUsd()) {
        continue;
      }
      stamp++;
      mark[v] = stamp;
      int depth = 1;
      path[1] = first;
      mark[first] = stamp;
      next[1] = w.pairOff[first];
      minEdge[1] = ref;
      while (depth >= 1 && budget-- > 0) {
        int u = path[depth];
        if (next[depth] >= w.pairOff[u + 1] || depth >= maxLen) {
          mark[u] = 0;
          depth--;
          continue;
        }
        int p = next[depth]++;
        int x = w.pairTo[p];
        double vol = w.pairUsd[p];
        if (c.hub[x] || vol < cfg.cycleMinEdgeUsd() || vol < ref / 2 || vol > ref * 2) {
          continue;
        }
        if (x == v) {
          int len = depth + 1;
          if (len >= 3 && (best == null || len < best[0])) {
            best =
                new int[] {len, (int) Math.min(Integer.MAX_VALUE, Math.min(minEdge[depth], vol))};
          }
          continue;
        }
        if (mark[x] == stamp) {
          continue;
        }
        depth++;
        path[depth] = x;
        mark[x] = stamp;
        next[depth] = w.pairOff[x];
        minEdge[depth] = Math.min(minEdge[depth - 1], vol);
      }
      if (best != null && best[0] == 3) {
        break;
      }
    }
    return best;
  }
}

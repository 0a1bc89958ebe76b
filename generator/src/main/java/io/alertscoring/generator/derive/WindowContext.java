package io.alertscoring.generator.derive;

/** One window's transfers, indexes and account facts, shared by the rules and the derivations. */
final class WindowContext {
  final TransferBuffer b;
  final WindowIndex w;
  final NodeDirectory dir;
  final DeriveConfig cfg;
  final AssetCatalog assets;
  final boolean[] hub;
  final boolean[] mixer;
  final int windowDays;
  final long epochDay;
  final long dayStart;
  final long windowStart;
  private GraphMetrics graph;
  private final double[] prices;

  WindowContext(
      TransferBuffer b,
      NodeDirectory dir,
      DeriveConfig cfg,
      AssetCatalog assets,
      long epochDay,
      int windowDays) {
    this.b = b;
    this.dir = dir;
    this.cfg = cfg;
    this.assets = assets;
    this.w = new WindowIndex(b);
    this.windowDays = windowDays;
    this.epochDay = epochDay;
    this.dayStart = epochDay * Num.DAY_MS;
    this.windowStart = dayStart - (windowDays - 1L) * Num.DAY_MS;
    prices = new double[windowDays * assets.count()];
    for (int d = 0; d < windowDays; d++) {
      for (int a = 0; a < assets.count(); a++) {
        prices[d * assets.count() + a] = assets.priceUsd(a, epochDay - windowDays + 1 + d);
      }
    }
    int n = b.nodeCount();
    hub = new boolean[n];
    mixer = new boolean[n];
    for (int v = 0; v < n; v++) {
      long key = b.key(v);
      hub[v] = dir.isHub(key);
      mixer[v] = dir.isMixer(key);
    }
  }

  /** USD price of an asset at a transfer time (cached per window day; computing it is costly). */
  double price(int asset, long timeMs) {
    long day = Math.floorDiv(timeMs, Num.DAY_MS);
    long d = day - (epochDay - windowDays + 1);
    return d >= 0 && d < windowDays
        ? prices[(int) d * assets.count() + asset]
        : assets.priceUsd(asset, day);
  }

  GraphMetrics graph() {
    if (graph == null) {
      graph = new GraphMetrics(w, hub);
    }
    return graph;
  }

  /** Day index of a time inside the window, 0 = first day. */
  int dayIndex(long timeMs) {
    int d = (int) Math.floorDiv(timeMs - windowStart, Num.DAY_MS);
    return Math.max(0, Math.min(windowDays - 1, d));
  }

  /** The account's first activity: history when the directory knows it, else first in window. */
  long firstActivity(int v) {
    long known = dir.firstActivityMs(b.key(v));
    if (known != NodeDirectory.UNKNOWN) {
      return known;
    }
    long first = Long.MAX_VALUE;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      first = Math.min(first, b.time[w.outIdx[i]]);
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      first = Math.min(first, b.time[w.inIdx[i]]);
    }
    return first;
  }

  int inDegree(int v) {
    int count = 0;
    int prev = -1;
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      int f = b.from[w.inIdx[i]];
      if (f != prev) {
        count++;
        prev = f;
      }
    }
    return count;
  }

  int outDegree(int v) {
    return w.pairOff[v + 1] - w.pairOff[v];
  }

  double inUsd(int v) {
    double s = 0;
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      s += b.usd[w.inIdx[i]];
    }
    return s;
  }

  double outUsd(int v) {
    double s = 0;
    for (int p = w.pairOff[v]; p < w.pairOff[v + 1]; p++) {
      s += w.pairUsd[p];
    }
    return s;
  }

  long lastTime(int v) {
    long last = Long.MIN_VALUE;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      last = Math.max(last, b.time[w.outIdx[i]]);
    }
    for (int i = w.inOff[v]; i < w.inOff[v + 1]; i++) {
      last = Math.max(last, b.time[w.inIdx[i]]);
    }
    return last;
  }

  /** Median hours between a sent transfer and the latest receipt before it; NaN without both. */
  double medianHoldHours(int v, long[] scratchTimes, double[] scratchHolds) {
    int nIn = w.inOff[v + 1] - w.inOff[v];
    int nOut = w.outOff[v + 1] - w.outOff[v];
    if (nIn == 0 || nOut == 0) {
      return Double.NaN;
    }
    for (int i = 0; i < nIn; i++) {
      scratchTimes[i] = b.time[w.inIdx[w.inOff[v] + i]];
    }
    java.util.Arrays.sort(scratchTimes, 0, nIn);
    int k = 0;
    for (int i = w.outOff[v]; i < w.outOff[v + 1]; i++) {
      long t = b.time[w.outIdx[i]];
      int pos = java.util.Arrays.binarySearch(scratchTimes, 0, nIn, t);
      int idx = pos >= 0 ? pos : -pos - 2;
      if (idx >= 0) {
        scratchHolds[k++] = (t - scratchTimes[idx]) / (double) Num.HOUR_MS;
      }
    }
    return k == 0 ? Double.NaN : Num.median(scratchHolds, k);
  }

  int maxTransfersPerNode() {
    int max = 1;
    for (int v = 0; v < w.nodes; v++) {
      max = Math.max(max, (w.outOff[v + 1] - w.outOff[v]) + (w.inOff[v + 1] - w.inOff[v]));
    }
    return max;
  }
}

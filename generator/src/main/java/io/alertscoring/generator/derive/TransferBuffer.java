package io.alertscoring.generator.derive;

import java.util.Arrays;

/**
 * The transfers of one analysis window in primitive arrays, with accounts mapped to dense node ids
 * in order of first appearance. One buffer is reused per worker thread (cleared between shards), so
 * a window of tens of thousands of transfers costs no garbage. Amounts are USD; the asset is an
 * index into the network's asset list.
 */
public final class TransferBuffer {
  private final LongIntMap index = new LongIntMap(1 << 12);
  private long[] nodeKeys = new long[1 << 12];
  private int nodeCount;

  int[] from = new int[1 << 14];
  int[] to = new int[1 << 14];
  long[] time = new long[1 << 14];
  double[] usd = new double[1 << 14];
  byte[] asset = new byte[1 << 14];
  private int size;

  public void clear() {
    index.clear();
    nodeCount = 0;
    size = 0;
  }

  /**
   * Adds one transfer; self-transfers and non-positive amounts are ignored (they carry no flow).
   */
  public void add(long fromKey, long toKey, long timeMs, double amountUsd, int assetIndex) {
    if (fromKey == toKey || !(amountUsd > 0)) {
      return;
    }
    if (size == from.length) {
      int n = size * 2;
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
      time = Arrays.copyOf(time, n);
      usd = Arrays.copyOf(usd, n);
      asset = Arrays.copyOf(asset, n);
    }
    from[size] = node(fromKey);
    to[size] = node(toKey);
    time[size] = timeMs;
    usd[size] = amountUsd;
    asset[size] = (byte) assetIndex;
    size++;
  }

  /** The dense id of an account, added when new. */
  public int node(long key) {
    int id = index.get(key);
    if (id >= 0) {
      return id;
    }
    if (nodeCount == nodeKeys.length) {
      nodeKeys = Arrays.copyOf(nodeKeys, nodeCount * 2);
    }
    nodeKeys[nodeCount] = key;
    index.putNew(key, nodeCount);
    return nodeCount++;
  }

  /** The dense id of an account, or -1 when it has no transfer in the window. */
  public int find(long key) {
    return index.get(key);
  }

  public long key(int node) {
    return nodeKeys[node];
  }

  public int nodeCount() {
    return nodeCount;
  }

  public int size() {
    return size;
  }

  public int from(int i) {
    return from[i];
  }

  public int to(int i) {
    return to[i];
  }

  public long time(int i) {
    return time[i];
  }

  public double usd(int i) {
    return usd[i];
  }

  public int asset(int i) {
    return asset[i];
  }
}

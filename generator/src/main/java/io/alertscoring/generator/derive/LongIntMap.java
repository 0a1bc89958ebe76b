package io.alertscoring.generator.derive;

import io.alertscoring.generator.rng.Hashing;
import java.util.Arrays;

/**
 * Open-addressing map from a {@code long} key to a dense {@code int} id. Used only for look-ups:
 * nothing ever iterates it, so its layout cannot leak into the output order (iteration goes over
 * the dense ids instead). Much smaller and faster than {@code HashMap<Long, Integer>} at the sizes
 * of a shard window.
 */
final class LongIntMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
  }

  void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  int size() {
    return size;
  }

  /** The id of {@code key}, or -1. */
  int get(long key) {
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return values[slot];
      }
      if (k == EMPTY) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Stores {@code value} for a key that is not present yet. */
  void putNew(long key, int value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = (int) Hashing.mix(key) & mask;
    while (keys[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        putNew(oldKeys[i], oldValues[i]);
      }
    }
  }
}

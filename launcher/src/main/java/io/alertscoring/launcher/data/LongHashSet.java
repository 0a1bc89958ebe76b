package io.alertscoring.launcher.data;

import java.util.Arrays;

/**
 * A set of 64-bit record-identity hashes, for counting distinct records per batch without keeping
 * the ids (16 bytes per record instead of ~100 for a {@code HashSet<String>}; a collision of two
 * different ids has probability ~n^2/2^65, negligible). Never iterated.
 */
final class LongHashSet {
  private long[] slots = new long[1024];
  private boolean hasZero;
  private int size;

  /** Adds a hash; false when it was already present. */
  boolean add(long h) {
    if (h == 0) {
      boolean added = !hasZero;
      hasZero = true;
      if (added) {
        size++;
      }
      return added;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = (int) mix(h) & mask;
    while (slots[i] != 0) {
      if (slots[i] == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = h;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long h : old) {
      if (h != 0) {
        int i = (int) mix(h) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = h;
      }
    }
    Arrays.fill(old, 0);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    return z ^ (z >>> 33);
  }

  /** FNV-1a 64 over the UTF-16 units of a string (ids are ASCII in practice). */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}

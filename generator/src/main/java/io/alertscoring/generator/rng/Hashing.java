package io.alertscoring.generator.rng;

import java.nio.charset.StandardCharsets;

/**
 * Platform-independent 64-bit hashing: the SplitMix64 finaliser (a bijection on 64-bit values) and
 * FNV-1a over UTF-8 bytes. {@link String#hashCode()} would also be stable, but 32 bits collide too
 * often to key random streams.
 */
public final class Hashing {
  private Hashing() {}

  /** The SplitMix64 finaliser: a bijective mix of all 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Combines a running hash with one more key; order matters. */
  public static long combine(long hash, long key) {
    return mix(hash ^ mix(key + 0x9E3779B97F4A7C15L));
  }

  /** FNV-1a, 64 bit, over the UTF-8 bytes of {@code text}. */
  public static long fnv1a(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A uniform double in [0, 1) derived from a hash, without creating a generator. */
  public static double unit(long hash) {
    return (mix(hash) >>> 11) * 0x1.0p-53;
  }
}

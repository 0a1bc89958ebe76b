/**
 * Seeded, splittable randomness with a portable definition: SplitMix64 streams derived from the run
 * seed by a path of keys, distributions built on {@link java.lang.StrictMath}. The same seed gives
 * the same numbers on every JVM and CPU; nothing here reads the clock or iterates a hash map.
 */
package io.alertscoring.generator.rng;

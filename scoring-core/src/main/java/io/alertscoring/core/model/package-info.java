/**
 * Immutable, thread-safe models loaded by a factory from a directory that holds the model file and
 * a manifest (feature names in order, library, version, thresholds, sha256 of the model file).
 * Loading fails fast, naming the difference, when the hash or the feature list does not match.
 */
package io.alertscoring.core.model;

/**
 * Turns a batch's records into model input vectors. The feature names and their order are defined
 * here once and written into every model manifest; a missing input stays {@code NaN}.
 */
package io.alertscoring.core.features;

/**
 * {@code alert-scoring runs}: what runs each date has (published, superseded, failed, processing)
 * and the removal of superseded and failed runs' rows.
 */
package io.alertscoring.launcher.runs;

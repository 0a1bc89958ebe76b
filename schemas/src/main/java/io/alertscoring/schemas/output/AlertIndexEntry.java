package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * Where an alert id has scores: one row per (date, window, run), sorted by alert id within a
 * network, so a lookup by id reads a few index granules instead of every date's scores.
 */
public record AlertIndexEntry(
    String network, String alertId, String processingDate, int windowDays, String runId)
    implements Serializable {}

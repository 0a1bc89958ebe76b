package io.alertscoring.api.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of a date's rows.
 *
 * @param processingDate the processing date the rows belong to ({@code YYYY-MM-DD})
 * @param total how many rows the whole result has, regardless of the page bounds
 * @param items the rows of the page, in the result's order
 */
public record Page<T>(String processingDate, long total, List<T> items) {
  public Page {
    Objects.requireNonNull(processingDate, "processingDate");
    items = List.copyOf(items);
  }
}

package io.alertscoring.api.store;

import java.util.List;

/**
 * One page of a result.
 *
 * @param processingDate the processing date the rows belong to ({@code YYYY-MM-DD}), or null for a
 *     result that spans dates (see {@link #undated})
 * @param total how many rows the whole result has, regardless of the page bounds
 * @param items the rows of the page, in the result's order
 */
public record Page<T>(String processingDate, long total, List<T> items) {
  public Page {
    items = List.copyOf(items);
  }

  /** A page of a result whose rows belong to several processing dates. */
  public static <T> Page<T> undated(long total, List<T> items) {
    return new Page<>(null, total, items);
  }
}

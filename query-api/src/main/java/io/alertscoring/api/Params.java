package io.alertscoring.api;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing and validation of request parameters; a bad value is a 400 with a precise message. */
final class Params {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  static final int DEFAULT_HISTORY_LIMIT = 30;
  static final int DEFAULT_LIVE_SUMMARY_LIMIT = 10;
  static final int MAX_TOP = 10_000;
  static final int MAX_ALERT_ID_LENGTH = 256;

  /** Network names are identifiers: letters, digits, '_', '-', '.', at most 64 characters. */
  private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private Params() {}

  /** {@code ?network=}, empty when absent or blank. */
  static Optional<String> network(Context ctx) {
    String value = ctx.queryParam("network");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (!NETWORK.matcher(value).matches()) {
      throw new BadRequestResponse(
          "invalid network: expected letters, digits, '_', '-' or '.', at most 64 characters");
    }
    return Optional.of(value);
  }

  /** {@code ?window_days=}, empty when absent. */
  static Optional<Integer> windowDays(Context ctx) {
    String value = ctx.queryParam("window_days");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(integer("window_days", value, 1, 65_535));
  }

  /** {@code ?limit=} in 1..max. */
  static int limit(Context ctx, int defaultValue, int max) {
    String value = ctx.queryParam("limit");
    return value == null ? defaultValue : integer("limit", value, 1, max);
  }

  /** {@code ?offset=}, at least 0. */
  static int offset(Context ctx) {
    String value = ctx.queryParam("offset");
    return value == null ? 0 : integer("offset", value, 0, Integer.MAX_VALUE);
  }

  /** A {@code YYYY-MM-DD} path parameter that names a real calendar date. */
  static String date(Context ctx, String name) {
    String value = ctx.pathParam(name);
    if (DATE.matcher(value).matches()) {
      try {
        return LocalDate.parse(value).toString();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new BadRequestResponse("invalid " + name + ": expected a date YYYY-MM-DD");
  }

  /** The {@code {n}} of the top-N route, in 1..10000. */
  static int topN(Context ctx) {
    return integer("n", ctx.pathParam("n"), 1, MAX_TOP);
  }

  /** A non-blank alert id of reasonable length. */
  static String alertId(Context ctx) {
    String value = ctx.pathParam("alert_id");
    if (value.isBlank() || value.length() > MAX_ALERT_ID_LENGTH) {
      throw new BadRequestResponse(
          "invalid alert_id: expected 1.." + MAX_ALERT_ID_LENGTH + " characters");
    }
    return value;
  }

  static int integer(String name, String value, int min, int max) {
    String range = name + " must be an integer in " + min + ".." + max;
    long parsed;
    try {
      parsed = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("invalid " + name + ": " + range);
    }
    if (parsed < min || parsed > max) {
      throw new BadRequestResponse("invalid " + name + ": " + range);
    }
    return (int) parsed;
  }
}

package io.alertscoring.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses lower-case wire names into enum constants with an error that lists the allowed values. */
public final class WireEnums {
  private WireEnums() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
          return constant;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown value '"
            + value
            + "', expected one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|")));
  }
}

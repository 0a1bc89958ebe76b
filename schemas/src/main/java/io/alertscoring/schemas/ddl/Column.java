package io.alertscoring.schemas.ddl;

import java.util.function.Function;

/**
 * One column of an output table: its name, its type, and how to take its value from a row record.
 */
public record Column<T>(String name, ColumnType type, Function<T, ?> value) {}

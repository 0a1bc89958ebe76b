/**
 * Where the validator's evidence comes from: stored scores in ClickHouse (read with {@code FINAL})
 * or in JSONL files, labels from {@code core_address_labels} or a JSONL file of SOT address labels,
 * input alerts from a JSONL file or the {@code analyzers_alerts} mirror, trap lists, and {@link
 * io.alertscoring.validation.io.ValidationRunner}, which assembles them for the command line.
 * ClickHouse is reached with the legacy {@code ru.yandex.clickhouse.ClickHouseDriver}, instantiated
 * explicitly, with {@code compress=false}; every user value is a bound parameter.
 */
package io.alertscoring.validation.io;

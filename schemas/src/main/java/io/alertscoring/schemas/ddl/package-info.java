/**
 * ClickHouse DDL for the product's output tables and for mirrors of the upstream SOT tables,
 * written once in the subset that both ClickHouse 18.16 and modern ClickHouse accept: no
 * LowCardinality, DateTime64, Map, Bool, TTL, CODEC, {@code IF NOT EXISTS} on columns, no Nullable
 * column in an ORDER BY, one statement per request.
 */
package io.alertscoring.schemas.ddl;

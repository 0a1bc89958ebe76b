/**
 * The synthetic economy: hubs (exchanges, mixers, DeFi), shards of ordinary accounts with daily and
 * weekly rhythms and heavy-tailed amounts, and planted episodes (laundering typologies and benign
 * look-alikes). Every shard-day is regenerated from its own seeded stream, never carried over, so
 * memory stays bounded by one shard's window and any processing date can be produced alone.
 */
package io.alertscoring.generator.economy;

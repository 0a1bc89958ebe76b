package io.alertscoring.generator;

import io.alertscoring.generator.economy.ShardDay;

/**
 * Hooks into a generation run, called on the writing thread in output order. The command line
 * prints progress; tests collect ground truth (which alerted addresses are illicit, when labels
 * were scheduled), which is never written to the SOT files.
 */
public interface GenerationListener {
  /** After each shard of a processing date has been written. */
  default void shardWritten(String network, String date, int shardsDone, int shards) {}

  /** Everything one shard produced for one date, including ground truth. */
  default void shardResult(String network, String date, ShardDay.Result result) {}

  /** After a processing date is complete (its batch-control record written). */
  default void dateWritten(String network, String date, DateCounts counts) {}

  /** Record counts of one batch. */
  record DateCounts(
      long alerts, long features, long clusters, long moneyFlows, long labels, long transfers) {}

  GenerationListener NONE = new GenerationListener() {};
}

package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.NodeDirectory;

/**
 * Account facts of the economy as an upstream with full chain history would know them: hubs,
 * addresses, first activity (birth day of ordinary accounts, start day of episode wallets) and
 * dormancy. Knows nothing about who is illicit.
 */
final class ShardDirectory implements NodeDirectory {
  private final ShardPopulation pop;
  private final NetworkProfile network;

  ShardDirectory(ShardPopulation pop) {
    this.pop = pop;
    this.network = pop.economy.network();
  }

  @Override
  public boolean isHub(long key) {
    return Economy.isHub(key);
  }

  @Override
  public boolean isMixer(long key) {
    return Economy.isMixer(key);
  }

  @Override
  public String address(long key) {
    return network.address(key);
  }

  @Override
  public long firstActivityMs(long key) {
    if (Economy.isEpisodeKey(key)) {
      return Economy.episodeStartDay(key) * Clock.DAY_MS;
    }
    if (Economy.isShardKey(key)) {
      return pop.birthMs(Economy.shardIndex(key));
    }
    return (pop.economy.startDay() - 3000) * Clock.DAY_MS; // hubs: since long ago
  }

  @Override
  public int dormantReactivated(long key, long processingEpochDay) {
    if (!Economy.isShardKey(key)) {
      return 0;
    }
    int i = Economy.shardIndex(key);
    if (pop.kind[i] != AccountKind.DORMANT) {
      return 0;
    }
    long since = processingEpochDay - pop.reactivation[i];
    return since >= 0 && since <= 30 ? 1 : 0;
  }
}

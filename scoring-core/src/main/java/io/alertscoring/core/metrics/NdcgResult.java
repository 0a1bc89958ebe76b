package io.alertscoring.core.metrics;

/**
 * NDCG@k averaged over query groups.
 *
 * @param mean the mean over the evaluated groups; NaN when no group could be evaluated
 * @param evaluatedGroups groups with at least one relevant item
 * @param skippedGroups groups without a relevant item: their ideal DCG is 0, so NDCG is undefined;
 *     they are left out of the mean rather than counted as 0 (which would punish every model for an
 *     empty group) or 1 (which would reward it)
 * @param perGroup NDCG@k of each group in input order, NaN for a skipped group
 */
public record NdcgResult(
    int k, double mean, int evaluatedGroups, int skippedGroups, double[] perGroup) {

  public NdcgResult {
    perGroup = perGroup.clone();
  }

  @Override
  public double[] perGroup() {
    return perGroup.clone();
  }
}

package io.alertscoring.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Ranking metrics in LightGBM's LambdaRank convention: gain {@code 2^rel - 1}, discount {@code 1 /
 * log2(position + 1)} for 1-based positions, DCG and the ideal DCG both cut at {@code k} (a group
 * smaller than k is evaluated over all its items). Relevance is graded (0, 1, 2, ...) or binary
 * (0/1) and must be finite and {@code >= 0}.
 *
 * <p>Tied scores keep their input order, as LightGBM's stable sort does, so a score reproduces
 * LightGBM's reported NDCG. The trade-off: a model that ties everything is judged by the order the
 * items came in; callers that fear that should break ties deliberately (e.g. by a pessimistic
 * order) before calling.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * NDCG@k of one group; empty when the group has no relevant item (ideal DCG 0, NDCG undefined).
   */
  public static OptionalDouble ndcgAtK(double[] scores, double[] relevance, int k) {
    check(scores, relevance, k);
    return ndcg(scores, relevance, 0, scores.length, k);
  }

  /**
   * Mean NDCG@k over consecutive groups given by their sizes (LightGBM's {@code group} / query
   * array: the first {@code groupSizes[0]} items form group 0, and so on).
   */
  public static NdcgResult meanNdcgAtK(
      double[] scores, double[] relevance, int[] groupSizes, int k) {
    check(scores, relevance, k);
    long total = 0;
    for (int size : groupSizes) {
      if (size < 1) {
        throw new IllegalArgumentException("group sizes must be >= 1, got " + size);
      }
      total += size;
    }
    if (total != scores.length) {
      throw new IllegalArgumentException(
          "group sizes add up to " + total + " but there are " + scores.length + " items");
    }
    double[] perGroup = new double[groupSizes.length];
    int start = 0;
    for (int g = 0; g < groupSizes.length; g++) {
      perGroup[g] = ndcg(scores, relevance, start, start + groupSizes[g], k).orElse(Double.NaN);
      start += groupSizes[g];
    }
    return summarise(k, perGroup);
  }

  /**
   * Mean NDCG@k over groups named by a key per item (items of a group need not be adjacent); groups
   * are reported in order of first appearance.
   */
  public static NdcgResult meanNdcgAtK(
      double[] scores, double[] relevance, List<?> groupKeys, int k) {
    check(scores, relevance, k);
    if (groupKeys.size() != scores.length) {
      throw new IllegalArgumentException(
          "group keys differ in length: " + groupKeys.size() + " vs " + scores.length);
    }
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      groups.computeIfAbsent(groupKeys.get(i), key -> new ArrayList<>()).add(i);
    }
    double[] perGroup = new double[groups.size()];
    int g = 0;
    for (List<Integer> members : groups.values()) {
      double[] s = new double[members.size()];
      double[] r = new double[members.size()];
      for (int j = 0; j < s.length; j++) {
        s[j] = scores[members.get(j)];
        r[j] = relevance[members.get(j)];
      }
      perGroup[g++] = ndcg(s, r, 0, s.length, k).orElse(Double.NaN);
    }
    return summarise(k, perGroup);
  }

  private static NdcgResult summarise(int k, double[] perGroup) {
    double sum = 0.0;
    int evaluated = 0;
    for (double value : perGroup) {
      if (!Double.isNaN(value)) {
        sum += value;
        evaluated++;
      }
    }
    return new NdcgResult(
        k,
        evaluated == 0 ? Double.NaN : sum / evaluated,
        evaluated,
        perGroup.length - evaluated,
        perGroup);
  }

  private static OptionalDouble ndcg(double[] scores, double[] relevance, int from, int to, int k) {
    double[] groupScores = Arrays.copyOfRange(scores, from, to);
    double[] groupRelevance = Arrays.copyOfRange(relevance, from, to);
    int cut = Math.min(k, groupScores.length);
    double ideal = dcg(groupRelevance, Argsort.descending(groupRelevance), cut);
    if (ideal == 0.0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(dcg(groupRelevance, Argsort.descending(groupScores), cut) / ideal);
  }

  private static double dcg(double[] relevance, int[] order, int cut) {
    double sum = 0.0;
    for (int position = 0; position < cut; position++) {
      double gain = Math.pow(2.0, relevance[order[position]]) - 1.0;
      sum += gain / (Math.log(position + 2.0) / Math.log(2.0));
    }
    return sum;
  }

  private static void check(double[] scores, double[] relevance, int k) {
    if (scores == null || relevance == null) {
      throw new IllegalArgumentException("scores and relevance must not be null");
    }
    if (scores.length != relevance.length) {
      throw new IllegalArgumentException(
          "scores and relevance differ in length: " + scores.length + " vs " + relevance.length);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    Inputs.finite(scores, "score");
    for (int i = 0; i < relevance.length; i++) {
      if (!(relevance[i] >= 0.0) || Double.isInfinite(relevance[i])) {
        throw new IllegalArgumentException(
            "relevance " + i + " must be finite and >= 0, got " + relevance[i]);
      }
    }
  }
}

/**
 * Evaluation metrics in plain Java (no dependency beyond the JDK), shared by validation and
 * training so a number means the same thing wherever it is printed.
 *
 * <p>Conventions, chosen to match scikit-learn and LightGBM so numbers can be compared with theirs:
 *
 * <ul>
 *   <li>An item is predicted positive at threshold {@code t} when {@code score >= t}; thresholds
 *       are the distinct scores, so tied scores always fall on the same side.
 *   <li>AUC-ROC is exact (Mann-Whitney with mid-ranks: a tied positive/negative pair counts one
 *       half), AUC-PR is average precision as in {@code sklearn.metrics.average_precision_score} (a
 *       step function, no interpolation), NDCG follows LightGBM's LambdaRank convention.
 *   <li>Metrics undefined on the input (AUC without both classes, AP without positives) throw
 *       {@link java.lang.IllegalArgumentException}; callers decide whether that is a failure or
 *       "not evaluated". Scores must be finite: NaN has no defined position in a ranking.
 *   <li>Everything is deterministic; the bootstrap takes its seed and uses {@link
 *       java.util.Random}, whose sequence the JDK specifies, so a result reproduces across JDK
 *       versions.
 * </ul>
 */
package io.alertscoring.core.metrics;

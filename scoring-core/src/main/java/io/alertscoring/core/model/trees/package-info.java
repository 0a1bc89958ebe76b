/**
 * Pure-Java evaluation of gradient-boosted tree ensembles trained by LightGBM or XGBoost, with the
 * native libraries' exact semantics, and exact TreeSHAP explanations.
 *
 * <ul>
 *   <li>{@link io.alertscoring.core.model.trees.LightGbmModelParser} and {@link
 *       io.alertscoring.core.model.trees.XGBoostJsonParser} read model files into a flattened,
 *       immutable {@link io.alertscoring.core.model.trees.TreeEnsemble};
 *   <li>{@link io.alertscoring.core.model.trees.TreeEnsembleModel} is the {@link
 *       io.alertscoring.core.model.ScoringModel} the loader returns for {@code lightgbm} and {@code
 *       xgboost} manifests;
 *   <li>{@link io.alertscoring.core.model.trees.FastTreeShap} computes exact TreeSHAP contributions
 *       in O(nodes x depth / 2) per tree by Gauss-Legendre quadrature; {@link
 *       io.alertscoring.core.model.trees.NaiveTreeShap} is the reference recursion.
 * </ul>
 */
package io.alertscoring.core.model.trees;

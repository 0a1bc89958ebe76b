/**
 * Evaluation of the alert scorer's feature and training code on the shared real datasets (the
 * Ethereum illicit accounts CSV and the IBM AMLSim samples), read through the generator's SOT
 * sources: records become assembled batches, the job's own {@code AlertFeatureSet} computes the
 * vectors and {@code LightGbmTrainer} trains with {@code TrainingParams.binary}. Labels only decide
 * the target of an example; they never reach a feature.
 */
package io.alertscoring.training.real;

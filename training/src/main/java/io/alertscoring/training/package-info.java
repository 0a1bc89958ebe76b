/**
 * Training of the four models (alert scorer, alert ranker, cluster scorer and the live alert scorer
 * over the alert-local columns) on labelled history with a time-based split, early stopping, fixed
 * seeds and single-threaded LightGBM so the written model files are byte-for-byte reproducible.
 * Features come from {@code io.alertscoring.core.features}, the same code the job runs; labels come
 * only from address labels that had arrived by the training date.
 */
package io.alertscoring.training;

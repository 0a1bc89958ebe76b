/**
 * Unsupervised anomaly scores over alert feature vectors: an isolation forest fitted on unlabelled
 * history and batch-relative robust z-scores. No labels are involved; the scores are meant as extra
 * model inputs and as a 0-100 risk. A small documented implementation: the maintained JVM library
 * served here (Smile) is GPL-3.0.
 */
package io.alertscoring.core.anomaly;

/**
 * Scores, ranks and explains a closed batch: the same code in the Flink job and in the API's
 * on-demand scoring. Output order and values depend only on the batch's content.
 */
package io.alertscoring.core.scoring;

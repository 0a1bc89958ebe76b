/**
 * The job's decisions in plain Java, free of Flink so they are unit-tested directly: when a batch
 * is complete, what a shortfall looks like, how versions order the rows of successive runs.
 */
package io.alertscoring.job.logic;

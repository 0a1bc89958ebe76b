/**
 * Thin Flink functions: they hold state, timers and metrics and delegate every decision to plain
 * classes ({@code io.alertscoring.job.logic}, {@code io.alertscoring.core}).
 */
package io.alertscoring.job.functions;

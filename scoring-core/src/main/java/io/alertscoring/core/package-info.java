/**
 * Feature engineering, model evaluation and batch scoring in plain Java. Shared by the Flink job
 * and the query API, so it must never import Flink or Javalin (enforced by an ArchUnit test).
 */
package io.alertscoring.core;

/**
 * Data contracts shared by every module: the batch key, enumerations with their wire names, the
 * input records of the upstream source of truth (SOT) and the output rows the product stores. This
 * package and its children depend on Jackson only: no Flink, Javalin or ML library may appear here
 * (an ArchUnit test in the launcher module enforces it).
 */
package io.alertscoring.schemas;

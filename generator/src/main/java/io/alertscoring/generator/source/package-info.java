/**
 * Sources a replay reads SOT batches from: the generator's files, the Ethereum illicit accounts CSV
 * and IBM AMLSim archives (all read through a path; the shared datasets are never copied into the
 * repository). Every source reports rows it cannot turn into valid records as bad rows.
 */
package io.alertscoring.generator.source;

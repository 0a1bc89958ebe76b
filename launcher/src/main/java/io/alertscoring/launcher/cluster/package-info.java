/**
 * The job on a real Flink standalone cluster: {@link
 * io.alertscoring.launcher.cluster.ClusterDeployment} (cluster up, the shaded job jar submitted as
 * {@code flink run} does), the {@code cluster} command, the stored rows a user can see ({@link
 * io.alertscoring.launcher.cluster.VisibleRows}), paced publication of runs, and the fault soak of
 * {@code bench faults}.
 */
package io.alertscoring.launcher.cluster;

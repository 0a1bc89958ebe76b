/** The {@code train} sub-command: trains the three models from generated history. */
package io.alertscoring.launcher.train;

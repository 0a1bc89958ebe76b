/**
 * The {@code validate} and {@code compare} sub-commands of {@code bin/alert-scoring}: argument
 * parsing and output only; the work is done by the {@code validation} module. Each command returns
 * its exit status: 0 when it ran (whatever the scores), 2 for a usage error (one line), 1 when the
 * evidence could not be read (one line). A low score is not an error: scripts that gate on it read
 * {@code total} from the JSON report.
 */
package io.alertscoring.launcher.validate;

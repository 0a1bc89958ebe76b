/**
 * Webhooks in the launcher's runs: the dispatcher started beside the job, with the subscriptions of
 * a file or a demo receiver on this machine.
 */
package io.alertscoring.launcher.webhook;

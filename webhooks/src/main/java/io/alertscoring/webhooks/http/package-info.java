/**
 * What goes over the wire: the signed headers ({@link io.alertscoring.webhooks.http.WebhookSigner},
 * with the receiver-side {@code verify}), the JSON body ({@link
 * io.alertscoring.webhooks.http.WebhookPayload}) and the POST itself behind {@link
 * io.alertscoring.webhooks.http.WebhookTransport}, so the retry and rate policies are tested
 * without sockets.
 */
package io.alertscoring.webhooks.http;

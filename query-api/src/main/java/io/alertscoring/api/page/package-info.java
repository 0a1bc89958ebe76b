/**
 * The analyst page of the query API: server-rendered HTML at {@code /} and the fragments under
 * {@code /page/} that htmx swaps in (the alerts table and its filters, one alert, the batch
 * metadata). {@link io.alertscoring.api.page.AnalystPage} is the route group; stored explanations
 * are read as sentences through one table of feature labels. Reads go only through the {@code
 * ScoreRepository} and the catalogue of published runs, like the JSON routes.
 */
package io.alertscoring.api.page;

/**
 * The HTTP query service: {@link io.alertscoring.api.QueryApi} builds a configured Javalin
 * application over a {@link io.alertscoring.api.store.ScoreRepository}, and {@link
 * io.alertscoring.api.QueryApiMain} runs it against ClickHouse, from the command line or in-process
 * for the launcher. Every route is a GET that accepts {@code ?network=}, answers snake_case JSON
 * with the same field names as the ClickHouse columns, and reports errors as {@code {"error": ...,
 * "status": ...}}: 400 for a malformed parameter, 404 for an unknown network, date, alert or route,
 * 401 without the configured API key, 411/413 for a body without a length or over the limit, 429
 * over a client's rate, 500 (logged, without a stack trace in the body) for anything else. {@code
 * /openapi.json} describes every route ({@code /docs} is Swagger UI), {@code /metrics} is
 * Prometheus text. The catalogue of published runs is held in memory by a {@code CatalogueCache},
 * so checking {@code ?network=} and a date, choosing the run a request reads and its counts cost no
 * query; every row served belongs to a published run; one alert is answered with its final or live
 * stage.
 */
package io.alertscoring.api;

package io.alertscoring.api;

/** The JSON body of every error response. */
public record ErrorBody(String error, int status) {}

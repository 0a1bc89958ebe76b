package io.alertscoring.api;

/** The JSON body of every error response. */
record ErrorBody(String error, int status) {}

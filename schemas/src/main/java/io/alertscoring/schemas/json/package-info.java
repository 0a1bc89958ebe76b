/**
 * Strict JSON decoding of SOT records and encoding of every record. Decoding errors are {@link
 * io.alertscoring.schemas.json.RecordValidationException}s that name the field and the reason, so a
 * dead-letter record tells an operator exactly what to fix upstream.
 */
package io.alertscoring.schemas.json;

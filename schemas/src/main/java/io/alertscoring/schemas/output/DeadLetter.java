package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * An input record the job could not accept, with why and where it came from. Published on the
 * dead-letter topic as JSON; the payload is kept verbatim up to a size limit.
 *
 * @param reason one line naming the field and the problem
 * @param kind the record kind expected on the source topic
 * @param topic source topic ("" when the record did not come from Kafka)
 * @param partition source partition, -1 when unknown
 * @param offset source offset, -1 when unknown
 * @param batchId the batch the record claimed to belong to, "" when it could not be decoded
 */
public record DeadLetter(
    String reason,
    String kind,
    String topic,
    int partition,
    long offset,
    String batchId,
    String payload,
    boolean payloadTruncated,
    long detectedAt)
    implements Serializable {}

package io.alertscoring.webhooks;

import io.alertscoring.schemas.RecordKind;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link WebhookDispatcher}. {@link #defaults(String)} is what {@code WebhooksMain}
 * runs with; the {@code with...} methods change one setting (tests shorten the intervals).
 *
 * @param groupId Kafka consumer group; its committed offsets are the dispatcher's progress
 * @param autoOffsetReset where a group without committed offsets starts: {@code earliest} (the
 *     default: nothing published before the first start is lost, and the ledger makes re-reading
 *     harmless for endpoints already told) or {@code latest} (a new deployment does not notify the
 *     topic's retained history)
 * @param linkBase the query API's public base URL, for the payload's {@code link}
 * @param queueCapacity deliveries queued per endpoint before its partitions are paused
 * @param httpTimeout connect and request timeout of one POST
 * @param commitInterval how often settled offsets are committed
 * @param closeTimeout how long {@link WebhookDispatcher#close()} waits for POSTs under way
 */
public record DispatcherConfig(
    String bootstrapServers,
    String groupId,
    String topic,
    String deadLetterTopic,
    String autoOffsetReset,
    String linkBase,
    int queueCapacity,
    Duration httpTimeout,
    Duration commitInterval,
    Duration closeTimeout) {

  public static final String DEFAULT_GROUP_ID = "alert-scoring-webhooks";
  public static final String DEFAULT_LINK_BASE = "http://localhost:8000";

  public DispatcherConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(linkBase, "linkBase");
    if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
      throw new IllegalArgumentException(
          "auto offset reset must be earliest or latest, got " + autoOffsetReset);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, got " + queueCapacity);
    }
  }

  public static DispatcherConfig defaults(String bootstrapServers) {
    return new DispatcherConfig(
        bootstrapServers,
        DEFAULT_GROUP_ID,
        RecordKind.NOTIFICATION_TOPIC,
        RecordKind.WEBHOOK_DEAD_LETTER_TOPIC,
        "earliest",
        DEFAULT_LINK_BASE,
        1_000,
        Duration.ofSeconds(10),
        Duration.ofMillis(500),
        Duration.ofSeconds(20));
  }

  public DispatcherConfig withGroupId(String value) {
    return new DispatcherConfig(
        bootstrapServers,
        value,
        topic,
        deadLetterTopic,
        autoOffsetReset,
        linkBase,
        queueCapacity,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withTopic(String value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        value,
        deadLetterTopic,
        autoOffsetReset,
        linkBase,
        queueCapacity,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withDeadLetterTopic(String value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        topic,
        value,
        autoOffsetReset,
        linkBase,
        queueCapacity,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withAutoOffsetReset(String value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        topic,
        deadLetterTopic,
        value,
        linkBase,
        queueCapacity,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withLinkBase(String value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        topic,
        deadLetterTopic,
        autoOffsetReset,
        value,
        queueCapacity,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withQueueCapacity(int value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        topic,
        deadLetterTopic,
        autoOffsetReset,
        linkBase,
        value,
        httpTimeout,
        commitInterval,
        closeTimeout);
  }

  public DispatcherConfig withCommitInterval(Duration value) {
    return new DispatcherConfig(
        bootstrapServers,
        groupId,
        topic,
        deadLetterTopic,
        autoOffsetReset,
        linkBase,
        queueCapacity,
        httpTimeout,
        value,
        closeTimeout);
  }
}

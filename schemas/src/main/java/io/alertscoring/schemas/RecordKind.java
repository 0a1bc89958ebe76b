package io.alertscoring.schemas;

/** The kinds of input record, each published on its own Kafka topic. */
public enum RecordKind {
  ALERT("sot.alerts"),
  FEATURES("sot.features"),
  CLUSTER("sot.clusters"),
  MONEY_FLOW("sot.money_flows"),
  BATCH_CONTROL("sot.batch_control"),
  ADDRESS_LABEL("sot.address_labels");

  /** Topic that receives dead-letter records of every kind. */
  public static final String DEAD_LETTER_TOPIC = "scoring.dead_letter";

  /** Topic the job writes notification events to ({@code NotificationEvent}, JSON). */
  public static final String NOTIFICATION_TOPIC = "scoring.notifications";

  /** Topic of webhook deliveries that exhausted their retries (event, endpoint, reason). */
  public static final String WEBHOOK_DEAD_LETTER_TOPIC = "scoring.webhook_dead_letter";

  private final String defaultTopic;

  RecordKind(String defaultTopic) {
    this.defaultTopic = defaultTopic;
  }

  public String defaultTopic() {
    return defaultTopic;
  }
}

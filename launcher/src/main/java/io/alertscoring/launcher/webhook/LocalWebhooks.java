package io.alertscoring.launcher.webhook;

import io.alertscoring.webhooks.DispatcherConfig;
import io.alertscoring.webhooks.WebhookDispatcher;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.receiver.RecordingReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook dispatcher of a local run, in this JVM: with the subscriptions of a file, or with one
 * demo endpoint (high-priority alerts and clusters of every network) delivering to a {@link
 * RecordingReceiver} on this machine, so a user sees signed notifications arrive without any server
 * of their own.
 */
public final class LocalWebhooks implements AutoCloseable {
  public static final String DEMO_ENDPOINT = "local-demo";

  /**
   * What the demo endpoint (and the job of a demo run) notifies: high only, as a real subscription
   * would; the realistic demo data has high-priority alerts on every date.
   */
  public static final Set<String> DEMO_PRIORITIES = Set.of("high");

  private final WebhookDispatcher dispatcher;
  private final RecordingReceiver demo;
  private final Subscriptions subscriptions;

  private LocalWebhooks(
      WebhookDispatcher dispatcher, RecordingReceiver demo, Subscriptions subscriptions) {
    this.dispatcher = dispatcher;
    this.demo = demo;
    this.subscriptions = subscriptions;
  }

  /**
   * Starts the dispatcher.
   *
   * @param subscriptionsFile the endpoints; null for the demo endpoint and receiver
   * @param linkBase the query API's base URL, for the events' analyst links
   */
  public static LocalWebhooks start(
      String bootstrapServers, String clickhouseUrl, Path subscriptionsFile, String linkBase)
      throws Exception {
    RecordingReceiver demo = null;
    Subscriptions subscriptions;
    if (subscriptionsFile != null) {
      subscriptions = Subscriptions.load(subscriptionsFile);
    } else {
      String secret = "local-demo-secret";
      demo = RecordingReceiver.start(Map.of(DEMO_ENDPOINT, secret));
      subscriptions = new Subscriptions(List.of(demoEndpoint(demo.url(DEMO_ENDPOINT), secret)));
    }
    try {
      WebhookDispatcher dispatcher =
          WebhookDispatcher.create(
              DispatcherConfig.defaults(bootstrapServers).withLinkBase(linkBase),
              subscriptions,
              clickhouseUrl);
      dispatcher.start();
      return new LocalWebhooks(dispatcher, demo, subscriptions);
    } catch (Exception | Error e) {
      if (demo != null) {
        demo.close();
      }
      throw e;
    }
  }

  /** Medium and high alerts and clusters of every network, generous limits (a local receiver). */
  public static Subscription demoEndpoint(String url, String secret) {
    return new Subscription(
        DEMO_ENDPOINT,
        URI.create(url),
        secret,
        Set.of(),
        DEMO_PRIORITIES,
        Set.of("alert", "cluster"),
        Set.of(),
        1_000,
        1_000,
        6,
        500,
        30_000);
  }

  /** A one-line description for the start-up log. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Subscription s : subscriptions.endpoints()) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(s.id())
          .append(" -> ")
          .append(s.url())
          .append(" (")
          .append(s.priorities().isEmpty() ? "any priority" : String.join("/", s.priorities()))
          .append(')');
    }
    return sb.toString();
  }

  /** The demo receiver, or null with a subscriptions file. */
  public RecordingReceiver demoReceiver() {
    return demo;
  }

  public WebhookDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    try {
      dispatcher.close();
    } finally {
      if (demo != null) {
        demo.close();
      }
    }
  }
}

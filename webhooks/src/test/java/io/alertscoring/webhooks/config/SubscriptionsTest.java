package io.alertscoring.webhooks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.webhooks.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsTest {

  private static final String MINIMAL =
      "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"https://hooks.example/aml\",\"secret\":\"s3cret\"}]}";

  @Test
  void defaultsAreThoseOfTheDocumentedFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("webhooks.json");
    Files.writeString(file, MINIMAL);
    Subscription s = Subscriptions.load(file).endpoints().get(0);
    assertThat(s.id()).isEqualTo("ops");
    assertThat(s.url().toString()).isEqualTo("https://hooks.example/aml");
    assertThat(s.secret()).isEqualTo("s3cret");
    assertThat(s.networks()).isEmpty();
    assertThat(s.priorities()).containsExactly("high");
    assertThat(s.entityTypes()).containsExactlyInAnyOrder("alert", "cluster");
    assertThat(s.typologies()).isEmpty();
    assertThat(s.ratePerSecond()).isEqualTo(5);
    assertThat(s.burst()).isEqualTo(10);
    assertThat(s.maxAttempts()).isEqualTo(6);
    assertThat(s.initialBackoffMs()).isEqualTo(500);
    assertThat(s.maxBackoffMs()).isEqualTo(30_000);
    assertThat(s.toString()).doesNotContain("s3cret");
  }

  @Test
  void readsEveryField() {
    Subscription s =
        Subscriptions.parse(
                "{\"endpoints\":[{\"id\":\"eth-desk\",\"url\":\"http://127.0.0.1:9/h\","
                    + "\"secret\":\"k\",\"networks\":[\"ethereum\"],"
                    + "\"priorities\":[\"HIGH\",\"medium\"],\"entity_types\":[\"alert\"],"
                    + "\"typologies\":[\"mixer\"],\"rate_per_second\":0.5,\"burst\":2,"
                    + "\"max_attempts\":3,\"initial_backoff_ms\":100,\"max_backoff_ms\":1000}]}",
                "t")
            .endpoints()
            .get(0);
    assertThat(s.networks()).containsExactly("ethereum");
    assertThat(s.priorities()).containsExactlyInAnyOrder("high", "medium");
    assertThat(s.entityTypes()).containsExactly("alert");
    assertThat(s.typologies()).containsExactly("mixer");
    assertThat(s.ratePerSecond()).isEqualTo(0.5);
    assertThat(s.burst()).isEqualTo(2);
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.initialBackoffMs()).isEqualTo(100);
    assertThat(s.maxBackoffMs()).isEqualTo(1000);
  }

  @Test
  void eachProblemIsOneLineNamingTheEndpointAndTheField() {
    assertError("{\"endpoints\":[]}", "f.json: \"endpoints\" must be a non-empty array");
    assertError("{\"endpoints\":[{\"url\":\"http://h/x\",\"secret\":\"k\"}]}", "endpoint #0: id");
    assertError(endpoint("\"rate_per_second\":0"), "endpoint \"ops\" (#0): rate_per_second:");
    assertError(endpoint("\"rate_per_second\":\"5\""), "endpoint \"ops\" (#0): rate_per_second:");
    assertError(endpoint("\"burst\":0"), "endpoint \"ops\" (#0): burst: must be in [1,");
    assertError(endpoint("\"burst\":1.5"), "endpoint \"ops\" (#0): burst: must be an integer");
    assertError(endpoint("\"max_attempts\":0"), "endpoint \"ops\" (#0): max_attempts:");
    assertError(endpoint("\"priorities\":[\"urgent\"]"), "\"ops\" (#0): priorities: unknown");
    assertError(endpoint("\"entity_types\":[\"address\"]"), "\"ops\" (#0): entity_types:");
    assertError(endpoint("\"networks\":\"ethereum\""), "\"ops\" (#0): networks: must be an array");
    assertError(endpoint("\"priorites\":[\"low\"]"), "\"ops\" (#0): priorites: unknown field");
    assertError(
        endpoint("\"initial_backoff_ms\":5000,\"max_backoff_ms\":100"),
        "\"ops\" (#0): max_backoff_ms: must be in [5000,");
    assertError(
        "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"ftp://h/x\",\"secret\":\"k\"}]}",
        "\"ops\" (#0): url: must be an absolute http");
    assertError(
        "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\",\"secret\":\"\"}]}",
        "\"ops\" (#0): secret: must not be empty");
    assertError(
        "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\"}]}",
        "\"ops\" (#0): secret: required");
    assertError(
        "{\"endpoints\":[{\"id\":\"a\",\"url\":\"http://h/x\",\"secret\":\"k\"},"
            + "{\"id\":\"a\",\"url\":\"http://h/y\",\"secret\":\"k\"}]}",
        "endpoint \"a\" (#1): id: duplicate id");
    assertError("{\"endpoints\":[{\"id\":\"has space\"}]}", "endpoint #0: id: required, 1-64");
    assertError("{\"endpoints\":[{]}", "f.json: not valid JSON (line 1)");
    assertError("{\"hooks\":[]}", "unknown top-level field 'hooks'");
  }

  @Test
  void aMissingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> Subscriptions.load(dir.resolve("none.json")))
        .hasMessageContaining("cannot read webhooks file")
        .hasMessageContaining("none.json");
  }

  @Test
  void matchesOnNetworkPriorityEntityTypeAndTypology() {
    Subscription any = one(endpoint("\"priorities\":[]"));
    assertThat(any.matches(TestEvents.alert("bitcoin", "a1", "low"))).isTrue();

    Subscription eth =
        one(endpoint("\"networks\":[\"ethereum\"],\"priorities\":[\"high\",\"medium\"]"));
    assertThat(eth.matches(TestEvents.alert("ethereum", "a1", "high"))).isTrue();
    assertThat(eth.matches(TestEvents.alert("ethereum", "a1", "medium"))).isTrue();
    assertThat(eth.matches(TestEvents.alert("ethereum", "a1", "low"))).isFalse();
    assertThat(eth.matches(TestEvents.alert("bitcoin", "a1", "high"))).isFalse();
    assertThat(eth.matches(TestEvents.cluster("ethereum", "c1", "high"))).isTrue();

    Subscription alertsOnly = one(endpoint("\"entity_types\":[\"alert\"]"));
    assertThat(alertsOnly.matches(TestEvents.cluster("ethereum", "c1", "high"))).isFalse();
    assertThat(alertsOnly.matches(TestEvents.alert("ethereum", "a1", "high"))).isTrue();

    Subscription mixers = one(endpoint("\"typologies\":[\"mixer\"]"));
    assertThat(
            mixers.matches(
                TestEvents.withTypology(TestEvents.alert("ethereum", "a", "high"), "mixer")))
        .isTrue();
    assertThat(mixers.matches(TestEvents.alert("ethereum", "a1", "high"))).isFalse(); // layering
    // the typology filter constrains alerts only; a cluster has none
    assertThat(mixers.matches(TestEvents.cluster("ethereum", "c1", "high"))).isTrue();
  }

  @Test
  void matchingListsEndpointsInFileOrder() {
    Subscriptions subs =
        Subscriptions.parse(
            "{\"endpoints\":[{\"id\":\"b\",\"url\":\"http://h/b\",\"secret\":\"k\"},"
                + "{\"id\":\"a\",\"url\":\"http://h/a\",\"secret\":\"k\","
                + "\"networks\":[\"bitcoin\"]},"
                + "{\"id\":\"c\",\"url\":\"http://h/c\",\"secret\":\"k\"}]}",
            "t");
    assertThat(subs.matching(TestEvents.alert("ethereum", "x", "high")))
        .extracting(Subscription::id)
        .containsExactly("b", "c");
    assertThat(Set.copyOf(subs.matching(TestEvents.alert("ethereum", "x", "low")))).isEmpty();
  }

  private static Subscription one(String json) {
    return Subscriptions.parse(json, "t").endpoints().get(0);
  }

  private static String endpoint(String extra) {
    return "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\",\"secret\":\"k\","
        + extra
        + "}]}";
  }

  private static void assertError(String json, String expected) {
    assertThatThrownBy(() -> Subscriptions.parse(json, "f.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}

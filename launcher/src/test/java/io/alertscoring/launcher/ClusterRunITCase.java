package io.alertscoring.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.infra.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What {@code bin/alert-scoring cluster} does, in-process: the job on a real standalone cluster
 * (its web UI answering with one TaskManager and the job's tasks all running), the dataset
 * published, and the API serving it.
 */
class ClusterRunITCase {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runsTheJobOnAStandaloneClusterAndServesWhatWasPublished() throws Exception {
    int apiPort = FreePorts.findOne();
    int webPort = FreePorts.findOne();
    LocalRun.Options options =
        LocalRun.Options.parseCluster(
            new String[] {
              "--port",
              String.valueOf(apiPort),
              "--web-port",
              String.valueOf(webPort),
              "--alerts-per-batch",
              "40",
              "--models-dir",
              "../trained_models",
              "--exit-after-load"
            });
    assertThat(options.cluster()).isNotNull();
    assertThat(options.cluster().restPort()).isEqualTo(webPort);
    try (LocalRun run = new LocalRun(options)) {
      run.start(); // returns once every published batch is published

      JsonNode overview = get("http://localhost:" + webPort + "/overview");
      assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
      assertThat(overview.path("jobs-running").asInt()).isEqualTo(1);
      JsonNode jobs = get("http://localhost:" + webPort + "/jobs/overview").path("jobs");
      JsonNode job = jobs.get(0);
      assertThat(job.path("name").asText()).isEqualTo("alert-scoring");
      assertThat(job.path("tasks").path("running").asInt())
          .isEqualTo(job.path("tasks").path("total").asInt());

      JsonNode top = get("http://localhost:" + apiPort + "/scores/rankings/top/5?network=bitcoin");
      JsonNode items = top.has("items") ? top.get("items") : top;
      assertThat(items).hasSize(5);
      assertThat(get("http://localhost:" + apiPort + "/metadata/latest").path("status").asText())
          .isEqualTo("COMPLETED");
    }
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}

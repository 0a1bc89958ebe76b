package io.alertscoring.api.scoring;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.api.ApiDocs;
import io.alertscoring.api.ErrorBody;
import io.alertscoring.api.RouteGroup;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@code POST /score/alerts}: scores a posted batch on demand with the job's code ({@link
 * ScoreRequestReader} decodes it as the job decodes Kafka messages, {@link BatchScorer#score} is
 * the job's reference scorer), so the answer's scores, priorities, explanations, rankings and
 * cluster scores are bit for bit what the job stores for the same batch. Nothing is stored.
 *
 * <p>The answer:
 *
 * <pre>
 * {"network", "processing_date", "window_days",
 *  "input_counts": {"alerts", "features", "clusters", "money_flows"},
 *  "stage_ms": {"features", "scoring", "ranking", "cluster_scoring"},
 *  "alert_scores": [ items of GET /scores/alerts/{date} ],
 *  "rankings": [ items of GET /scores/rankings/{date} ],
 *  "cluster_scores": [ items of GET /scores/clusters/{date} ]}
 * </pre>
 *
 * with {@code run_id} "" ({@link BatchScorer#REFERENCE_RUN}: scored outside any publication) and
 * {@code processed_at} and {@code version} the time of the request. Alerts, rankings and clusters
 * come in the job's canonical order (alert id, rank, cluster id). 400 for bad input (the message
 * names the record and field), 413 over the {@link ScoringLimits}, 503 without models.
 */
public final class OnDemandScoringRoutes implements RouteGroup {

  public static final String PATH = "/score/alerts";

  private final LoadedModels models;
  private final ScoringLimits limits;
  private final ScoreRequestReader reader;
  private final ObjectMapper mapper = OutputJson.mapper();

  public OnDemandScoringRoutes(LoadedModels models, ScoringLimits limits) {
    this.models = Objects.requireNonNull(models, "models");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reader = new ScoreRequestReader(limits.maxAlerts());
  }

  @Override
  public void addRoutes() {
    post(PATH, this::scoreAlerts);
  }

  @OpenApi(
      path = "/score/alerts",
      methods = HttpMethod.POST,
      tags = ApiDocs.TAG_SCORING,
      summary =
          "Scores a posted batch with the job's code (features, models, thresholds, explanations)",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              description =
                  "{alerts, features, clusters, money_flows}: arrays of SOT records of one network,"
                      + " processing date and window (SPEC section 3), strictly decoded as the job does.",
              content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
      responses = {
        @OpenApiResponse(
            status = "200",
            description =
                "{network, processing_date, window_days, input_counts, stage_ms, alert_scores, rankings, cluster_scores}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "413",
            description = "The body or its alert count is over the limit.",
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "503",
            description = "No models loaded.",
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void scoreAlerts(Context ctx) {
    BatchScorer scorer =
        models
            .scorer()
            .orElseThrow(
                () ->
                    new ServiceUnavailableResponse(
                        "no models loaded: start the API with a models directory to score on"
                            + " demand"));
    ScoreRequest request = reader.read(body(ctx));
    long now = System.currentTimeMillis();
    BatchScoringResult result =
        scorer.score(request.assemble(), BatchScorer.REFERENCE_RUN, now, now);
    ctx.json(answer(request, result));
  }

  /**
   * The body, refused with 413 once it exceeds the limit: by its declared length before reading
   * anything, or while reading when no length (chunked) or a false one was declared.
   */
  private byte[] body(Context ctx) {
    long max = limits.maxRequestBytes();
    long declared = ctx.contentLength();
    if (declared > max) {
      throw tooLarge(Long.toString(declared));
    }
    byte[] body;
    try (InputStream in = ctx.bodyInputStream()) {
      body = in.readNBytes((int) max + 1);
    } catch (IOException e) {
      throw new BadRequestResponse("the request body could not be read: " + e.getMessage());
    }
    if (body.length > max) {
      throw tooLarge("more than " + max);
    }
    return body;
  }

  private ContentTooLargeResponse tooLarge(String size) {
    return new ContentTooLargeResponse(
        "request too large: "
            + size
            + " bytes, the limit is "
            + limits.maxRequestBytes()
            + " bytes per request");
  }

  private ObjectNode answer(ScoreRequest request, BatchScoringResult result) {
    ObjectNode body = mapper.createObjectNode();
    body.put("network", request.key().network());
    body.put("processing_date", request.key().processingDate());
    body.put("window_days", request.key().windowDays());
    ObjectNode counts = body.putObject("input_counts");
    counts.put("alerts", request.alerts().size());
    counts.put("features", request.features().size());
    counts.put("clusters", request.clusters().size());
    counts.put("money_flows", request.moneyFlows().size());
    ObjectNode stages = body.putObject("stage_ms");
    stages.put("features", result.featureMs());
    stages.put("scoring", result.scoringMs());
    stages.put("ranking", result.rankingMs());
    stages.put("cluster_scoring", result.clusterScoringMs());
    ArrayNode alerts = body.putArray("alert_scores");
    for (AlertScore score : result.alertScores()) {
      alerts.add(alertView(score));
    }
    ArrayNode rankings = body.putArray("rankings");
    for (AlertRanking ranking : result.rankings()) {
      rankings.add(mapper.<ObjectNode>valueToTree(ranking));
    }
    ArrayNode clusters = body.putArray("cluster_scores");
    for (ClusterScore cluster : result.clusterScores()) {
      clusters.add(mapper.<ObjectNode>valueToTree(cluster));
    }
    return body;
  }

  /**
   * The alert's row as the stored reads show it: the output record's JSON with {@code explanation}
   * parsed in place of the stored {@code explanation_json} string.
   */
  private ObjectNode alertView(AlertScore score) {
    ObjectNode node = mapper.valueToTree(score);
    node.remove("explanation_json");
    try {
      node.set("explanation", mapper.readTree(score.explanationJson()));
    } catch (JsonProcessingException e) {
      // the scorer writes the explanation with Jackson: not JSON would be a bug of the scorer
      throw new IllegalStateException("the scorer wrote an explanation that is not JSON", e);
    }
    return node;
  }
}

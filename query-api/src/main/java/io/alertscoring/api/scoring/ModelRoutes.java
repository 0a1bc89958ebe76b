package io.alertscoring.api.scoring;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.alertscoring.api.ApiDocs;
import io.alertscoring.api.ErrorBody;
import io.alertscoring.api.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the API knows of its models.
 *
 * <ul>
 *   <li>{@code GET /models}: {@code {"models": [manifest.json of each model], "training_report":
 *       {"file", "format", "text"} or null, "report_files": [names]}}: each manifest as shipped
 *       (version, sha256, feature names, thresholds, training data, hyperparameters and held-out
 *       metrics), the alert scorer, ranker, cluster scorer and live scorer in that order.
 *   <li>{@code GET /models/reports/{file}}: one of {@code report_files} (the report's figures).
 * </ul>
 *
 * Without models: an empty list, no report. {@link #health()} and {@link #version()} add {@code
 * "models": [{"name", "version", "sha256"}]} to {@code /health} and {@code /version}.
 */
public final class ModelRoutes implements RouteGroup {

  public static final String PATH = "/models";
  public static final String REPORT_PATH = "/models/reports/{file}";

  private final LoadedModels models;

  public ModelRoutes(LoadedModels models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public void addRoutes() {
    get(PATH, this::listModels);
    get(REPORT_PATH, this::reportFile);
  }

  @Override
  public Map<String, Object> health() {
    return Map.of("models", summaries());
  }

  @Override
  public Map<String, Object> version() {
    return Map.of("models", summaries());
  }

  private List<Map<String, String>> summaries() {
    List<Map<String, String>> summaries = new ArrayList<>();
    for (LoadedModels.Model model : models.models()) {
      Map<String, String> summary = new LinkedHashMap<>();
      summary.put("name", model.role());
      summary.put("version", model.manifest().version());
      summary.put("sha256", model.manifest().sha256());
      summaries.add(summary);
    }
    return summaries;
  }

  @OpenApi(
      path = "/models",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_MODELS,
      summary = "Every loaded model's manifest and the training report",
      responses = {
        @OpenApiResponse(
            status = "200",
            description =
                "{models: [manifest], training_report: {file, format, text} or null, report_files}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT))
      })
  private void listModels(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("models", models.models().stream().map(LoadedModels.Model::manifestJson).toList());
    body.put(
        "training_report",
        models
            .trainingReport()
            .map(
                text -> {
                  Map<String, Object> report = new LinkedHashMap<>();
                  report.put("file", LoadedModels.REPORTS + "/" + LoadedModels.TRAINING_REPORT);
                  report.put("format", "markdown");
                  report.put("text", text);
                  return report;
                })
            .orElse(null));
    body.put("report_files", models.reportFiles());
    ctx.json(body);
  }

  /** Only the files listed at load time: a name from the path never reaches the file system. */
  @OpenApi(
      path = "/models/reports/{file}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_MODELS,
      summary = "A file of the training report (plots)",
      pathParams = {
        @OpenApiParam(
            name = "file",
            required = true,
            description = "A file listed in report_files of /models.")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "The file (PNG or markdown).",
            content = @OpenApiContent(mimeType = "application/octet-stream", type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void reportFile(Context ctx) {
    String file = ctx.pathParam("file");
    if (!models.reportFiles().contains(file) || models.directory().isEmpty()) {
      throw new NotFoundResponse("no report file '" + file + "'");
    }
    Path path = models.directory().get().resolve(LoadedModels.REPORTS).resolve(file);
    try {
      ctx.contentType(contentType(file)).result(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("report file " + path + " could not be read", e);
    }
  }

  private static String contentType(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return "image/png";
    }
    if (name.endsWith(".md")) {
      return "text/markdown; charset=utf-8";
    }
    if (name.endsWith(".json")) {
      return "application/json";
    }
    return "application/octet-stream";
  }
}

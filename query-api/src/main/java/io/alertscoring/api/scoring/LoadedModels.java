package io.alertscoring.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.model.ModelLoadException;
import io.alertscoring.core.model.ModelLoader;
import io.alertscoring.core.model.ModelManifest;
import io.alertscoring.core.model.ScoringModel;
import io.alertscoring.core.scoring.BatchScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models the API scores with, loaded once from a models directory exactly as the job loads them
 * ({@link ModelBundle#load}: every file's sha256 and feature list checked), with what {@code GET
 * /models} shows of them: each model directory's {@code manifest.json} as shipped and the training
 * report of {@code reports/}. {@link #none()} is an API started without models.
 */
public final class LoadedModels {

  /** The sub-directory of the models directory holding the training report and its figures. */
  public static final String REPORTS = "reports";

  /** The training report's file inside {@link #REPORTS}. */
  public static final String TRAINING_REPORT = "training-report.md";

  /**
   * One loaded model.
   *
   * @param role the model's sub-directory, e.g. {@code alert-scorer}
   * @param manifest the manifest as the scorer read it
   * @param manifestJson the manifest file whole, keys the scorer does not read included
   */
  public record Model(String role, ModelManifest manifest, JsonNode manifestJson) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final BatchScorer scorer;
  private final List<Model> models;
  private final String trainingReport;
  private final List<String> reportFiles;

  private LoadedModels(
      Path directory,
      BatchScorer scorer,
      List<Model> models,
      String trainingReport,
      List<String> reportFiles) {
    this.directory = directory;
    this.scorer = scorer;
    this.models = List.copyOf(models);
    this.trainingReport = trainingReport;
    this.reportFiles = List.copyOf(reportFiles);
  }

  /** No models: on-demand scoring answers 503 and {@code /models} an empty list. */
  public static LoadedModels none() {
    return new LoadedModels(null, null, List.of(), null, List.of());
  }

  /**
   * Loads and verifies every model of {@code directory}.
   *
   * @throws IllegalArgumentException with one clear sentence when the directory is missing or a
   *     model in it cannot be used (missing file, sha256 or feature list mismatch)
   */
  public static LoadedModels load(Path directory) {
    Objects.requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "models directory " + dir + " does not exist or is not a directory");
    }
    ModelBundle bundle;
    try {
      bundle = ModelBundle.load(dir);
    } catch (ModelLoadException e) {
      throw new IllegalArgumentException(
          "models directory " + dir + " cannot be used: " + e.getMessage(), e);
    }
    List<Model> models = new ArrayList<>();
    for (ScoringModel model :
        List.of(
            bundle.alertScorer(),
            bundle.alertRanker(),
            bundle.clusterScorer(),
            bundle.liveScorer())) {
      String role = model.manifest().name();
      models.add(new Model(role, model.manifest(), manifestFile(dir, role)));
    }
    Path reports = dir.resolve(REPORTS);
    String report = null;
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(reports)) {
      try (Stream<Path> listed = Files.list(reports)) {
        listed
            .filter(Files::isRegularFile)
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(files::add);
        Path reportFile = reports.resolve(TRAINING_REPORT);
        if (Files.isRegularFile(reportFile)) {
          report = Files.readString(reportFile, StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "models directory " + dir + ": unreadable " + REPORTS + ": " + e.getMessage(), e);
      }
    }
    return new LoadedModels(dir, new BatchScorer(bundle), models, report, files);
  }

  /** The manifest file of a loaded model, read again whole (the loader keeps only its fields). */
  private static JsonNode manifestFile(Path dir, String role) {
    Path file = dir.resolve(role).resolve(ModelLoader.MANIFEST);
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether any model is loaded. */
  public boolean loaded() {
    return scorer != null;
  }

  /** The scorer over the loaded models, the job's own class; empty without models. */
  public Optional<BatchScorer> scorer() {
    return Optional.ofNullable(scorer);
  }

  /** The directory the models were loaded from; empty without models. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The loaded models: alert scorer, alert ranker, cluster scorer, live scorer. */
  public List<Model> models() {
    return models;
  }

  /** The training report (Markdown) of {@code reports/training-report.md}, when shipped. */
  public Optional<String> trainingReport() {
    return Optional.ofNullable(trainingReport);
  }

  /** The files of {@code reports/} (the report and its figures), sorted by name. */
  public List<String> reportFiles() {
    return reportFiles;
  }
}

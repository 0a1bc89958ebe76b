package io.alertscoring.launcher;

import io.alertscoring.launcher.bench.BenchCommand;
import io.alertscoring.launcher.data.GenerateCommand;
import io.alertscoring.launcher.data.ReplayCommand;
import io.alertscoring.launcher.runs.RunsCommand;
import io.alertscoring.launcher.train.TrainCommand;
import io.alertscoring.launcher.validate.CompareCommand;
import io.alertscoring.launcher.validate.ValidateCommand;
import java.util.Arrays;

/**
 * Dispatches sub-commands. A usage error prints one clear line and exits with status 2; a failure
 * while running exits with status 1.
 */
public final class AlertScoringCli {
  private AlertScoringCli() {}

  static final String USAGE =
      "usage: alert-scoring local [--port 8000] [--alerts-per-batch 200] [--models-dir DIR]"
          + " [--clickhouse-url JDBC_URL] [--exit-after-load] [--parallelism 2]"
          + " [--managed-memory 1g] [--state-backend rocksdb|hashmap] [--checkpoint-dir DIR]"
          + " [--checkpoint-interval-ms 10000] ..."
          + " | cluster [the options of local] [--task-managers 1] [--slots 2]"
          + " [--taskmanager-memory 2048m] [--web-port 8081]"
          + " | generate --network N --start-date D --out DIR ..."
          + " | replay --bootstrap-servers H:P --network N --date D (--from-files DIR | ...)"
          + " | train --data DIR --network N[,N] [--out DIR]"
          + " | evaluate-real [--eth-illicit CSV] [--amlsim TGZ]"
          + " | validate --clickhouse-url URL --network N --date D ..."
          + " | compare --a SRC --b SRC --network N --date D ..."
          + " | bench pipeline --alerts-per-day N [--seed 9002] [--data DIR] [--json FILE] ..."
          + " | runs list|prune --clickhouse-url URL [--network N] [--date D] ..."
          + " | webhooks --bootstrap-servers H:P --clickhouse-url URL --webhooks FILE ...";

  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "local" -> {
          LocalRun.Options options = LocalRun.Options.parse(rest);
          if (options == null) {
            return 0; // --help
          }
          new LocalRun(options).runUntilStopped();
          return 0;
        }
        case "cluster" -> {
          LocalRun.Options options = LocalRun.Options.parseCluster(rest);
          if (options == null) {
            return 0; // --help
          }
          new LocalRun(options).runUntilStopped();
          return 0;
        }
        case "generate" -> {
          return GenerateCommand.run(rest, System.out, System.err);
        }
        case "replay" -> {
          return ReplayCommand.run(rest, System.out, System.err);
        }
        case "train" -> {
          return TrainCommand.run(rest, System.out, System.err);
        }
        case "evaluate-real" -> {
          return io.alertscoring.launcher.train.EvaluateRealCommand.run(
              rest, System.out, System.err);
        }
        case "validate" -> {
          return ValidateCommand.run(rest, System.out, System.err);
        }
        case "compare" -> {
          return CompareCommand.run(rest, System.out, System.err);
        }
        case "bench" -> {
          return BenchCommand.run(rest, System.out, System.err);
        }
        case "webhooks" -> {
          return io.alertscoring.webhooks.WebhooksMain.run(
              rest,
              new java.io.PrintWriter(System.out, true),
              new java.io.PrintWriter(System.err, true));
        }
        case "runs" -> {
          return RunsCommand.run(rest, System.out, System.err);
        }
        default -> {
          System.err.println("alert-scoring: unknown command '" + args[0] + "'. " + USAGE);
          return 2;
        }
      }
    } catch (UsageException e) {
      System.err.println("alert-scoring: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("alert-scoring: " + args[0] + " failed: " + e.getMessage());
      if (System.getenv("ALERT_SCORING_DEBUG") != null) {
        e.printStackTrace();
      }
      return 1;
    }
  }

  /** A command-line mistake: reported in one line with exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}

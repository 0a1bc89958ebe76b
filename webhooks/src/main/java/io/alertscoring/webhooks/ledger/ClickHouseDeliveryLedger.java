package io.alertscoring.webhooks.ledger;

import io.alertscoring.schemas.ddl.Column;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in ClickHouse table {@code webhook_deliveries} ({@link Tables#WEBHOOK_DELIVERIES}).
 *
 * <p>Rows are batched: a flusher thread inserts whatever has been recorded every {@code
 * flushInterval} (or as soon as {@code batchSize} rows wait), one INSERT per batch, then runs each
 * row's {@code onDurable}, which is what lets the dispatcher commit the Kafka offsets of those
 * events. Batching trades up to one flush interval of extra commit delay for one insert (one
 * ClickHouse part) per batch instead of per row; ClickHouse wants few large inserts. The commit
 * delay costs nothing but a slightly longer redelivery window on a crash, and the redelivered
 * events are deduplicated against this same table.
 *
 * <p>When ClickHouse is down the batch stays queued and is retried with a growing delay (up to 10
 * s); rows keep their order. Past {@code maxPending} waiting rows {@link #record} blocks: workers
 * stop, endpoint queues fill, the dispatcher pauses its partitions. Nothing is committed that is
 * not stored.
 *
 * <p>Reads use {@code FINAL}: a key stored twice (the residual crash window) is one row. Both
 * statuses count as settled: a FAILED key was dead-lettered and is not retried by a replay; an
 * operator re-drives it by deleting its row ({@code ALTER TABLE webhook_deliveries DELETE WHERE
 * ...}) and replaying the events, or from the dead-letter topic.
 */
public final class ClickHouseDeliveryLedger implements DeliveryLedger {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseDeliveryLedger.class);
  private static final Table<WebhookDelivery> TABLE = Tables.WEBHOOK_DELIVERIES;
  private static final long MAX_RETRY_DELAY_MS = 10_000;

  /** Batching and buffering. */
  public record Options(int batchSize, Duration flushInterval, int maxPending) {
    /**
     * One insert a second: the ledger only gates offset commits (a crash re-reads at most this much
     * more), never a delivery, and every insert is a part ClickHouse must merge; ten a second
     * beside the live sink's cost a measurable share of a 2-core machine.
     */
    public static final Options DEFAULTS = new Options(5_000, Duration.ofSeconds(1), 20_000);

    public Options {
      if (batchSize < 1 || maxPending < batchSize || flushInterval.isNegative()) {
        throw new IllegalArgumentException("need 1 <= batchSize <= maxPending, interval >= 0");
      }
    }
  }

  private record Pending(WebhookDelivery row, Runnable onDurable) {}

  private final String jdbcUrl;
  private final Options options;
  private final Runnable onInsertFailure;
  private final Object lock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Object insertLock = new Object();
  private final Thread flusher;
  private Connection connection; // guarded by insertLock
  private volatile boolean closed;

  private ClickHouseDeliveryLedger(String jdbcUrl, Options options, Runnable onInsertFailure) {
    this.jdbcUrl = jdbcUrl;
    this.options = options;
    this.onInsertFailure = onInsertFailure;
    this.flusher = new Thread(this::flushLoop, "webhook-ledger-flusher");
    this.flusher.setDaemon(true);
  }

  /**
   * Connects, creates {@code webhook_deliveries} if missing, checks its columns and starts the
   * flusher.
   *
   * @throws SQLException when ClickHouse cannot be reached or the table has another layout
   */
  public static ClickHouseDeliveryLedger open(
      String jdbcUrl, Options options, Runnable onInsertFailure) throws SQLException {
    ClickHouseDeliveryLedger ledger =
        new ClickHouseDeliveryLedger(jdbcUrl, options, onInsertFailure);
    synchronized (ledger.insertLock) {
      Connection c = ledger.connection();
      try (Statement st = c.createStatement()) {
        st.execute(TABLE.createStatement());
      }
      List<String> missing = missingColumns(c);
      if (!missing.isEmpty()) {
        ledger.closeConnection();
        throw new SQLException(
            "table "
                + TABLE.name()
                + " has another layout (no "
                + String.join(", ", missing)
                + "): move it aside (RENAME TABLE) or point --clickhouse-url at another database");
      }
    }
    ledger.flusher.start();
    return ledger;
  }

  public static ClickHouseDeliveryLedger open(String jdbcUrl) throws SQLException {
    return open(jdbcUrl, Options.DEFAULTS, () -> {});
  }

  @Override
  public List<Settled> loadSettled() throws SQLException {
    List<Settled> out = new ArrayList<>();
    synchronized (insertLock) {
      try (Statement st = connection().createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT endpoint_id, dedup_key, status FROM " + TABLE.name() + " FINAL")) {
        while (rs.next()) {
          out.add(new Settled(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      } catch (SQLException e) {
        closeConnection();
        throw e;
      }
    }
    return out;
  }

  @Override
  public void record(WebhookDelivery row, Runnable onDurable) throws InterruptedException {
    synchronized (lock) {
      while (queue.size() >= options.maxPending() && !closed) {
        lock.wait(100);
      }
      if (closed) {
        throw new IllegalStateException("delivery ledger is closed");
      }
      queue.addLast(new Pending(row, onDurable));
      if (queue.size() >= options.batchSize()) {
        lock.notifyAll();
      }
    }
  }

  @Override
  public int pending() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public void flush() throws SQLException {
    while (true) {
      synchronized (insertLock) {
        List<Pending> batch = peekBatch();
        if (batch.isEmpty()) {
          return;
        }
        insert(batch);
      }
    }
  }

  private void flushLoop() {
    long retryDelay = 0;
    while (!closed) {
      try {
        synchronized (lock) {
          long wait = retryDelay > 0 ? retryDelay : Math.max(1, options.flushInterval().toMillis());
          if (queue.size() < options.batchSize() || retryDelay > 0) {
            lock.wait(wait);
          }
        }
        if (closed) {
          return;
        }
        synchronized (insertLock) {
          List<Pending> batch = peekBatch();
          if (!batch.isEmpty()) {
            insert(batch);
          }
        }
        retryDelay = 0;
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        onInsertFailure.run();
        retryDelay = retryDelay == 0 ? 250 : Math.min(MAX_RETRY_DELAY_MS, retryDelay * 2);
        LOG.warn(
            "ledger insert into {} failed, retrying in {} ms ({} rows waiting): {}",
            TABLE.name(),
            retryDelay,
            pending(),
            e.toString());
      }
    }
  }

  /** The oldest rows, up to a batch, left in the queue until they are stored. */
  private List<Pending> peekBatch() {
    synchronized (lock) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), options.batchSize()));
      for (Pending p : queue) {
        if (batch.size() == options.batchSize()) {
          break;
        }
        batch.add(p);
      }
      return batch;
    }
  }

  /** Inserts {@code batch} (the queue's head), then removes it and runs its callbacks. */
  private void insert(List<Pending> batch) throws SQLException {
    try (PreparedStatement ps = connection().prepareStatement(TABLE.insertStatement())) {
      for (Pending p : batch) {
        TABLE.bind(ps, p.row());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      throw e;
    }
    synchronized (lock) {
      for (int i = 0; i < batch.size(); i++) {
        queue.pollFirst();
      }
      lock.notifyAll();
    }
    for (Pending p : batch) {
      try {
        p.onDurable().run();
      } catch (RuntimeException e) {
        LOG.error("ledger callback failed for {}", p.row().dedupKey(), e);
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new Properties());
      if (c == null) {
        throw new SQLException("not a ClickHouse JDBC URL: " + jdbcUrl);
      }
      connection = c;
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection is replaced anyway
      }
      connection = null;
    }
  }

  private static List<String> missingColumns(Connection c) throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?")) {
      ps.setString(1, TABLE.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column<WebhookDelivery> column : TABLE.columns()) {
      if (!present.contains(column.name())) {
        missing.add(column.name());
      }
    }
    return missing;
  }

  /**
   * Stops the flusher and closes the connection. Rows not yet stored stay unstored (call {@link
   * #flush()} first): their offsets are not committed, so their events are delivered again after
   * the restart, deduplicated by the receiver with the event id.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      flusher.join(15_000); // lets an insert under way finish rather than cut its connection
      if (flusher.isAlive()) {
        flusher.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (insertLock) {
      closeConnection();
    }
    int left = pending();
    if (left > 0) {
      LOG.warn("delivery ledger closed with {} rows not stored", left);
    }
  }
}

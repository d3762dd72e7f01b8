package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.jdbc.JdbcDrivers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jdbc sink's writer: a bundle's alerts go in as one batch, committed at the bundle's end.
 * A batch that fails is tried again up to {@code maxRetries} times, on a new connection when the
 * old one is no longer valid, waiting 0 s, 1 s, 2 s, ... between attempts, as Flink's JdbcSink
 * does (its JdbcExecutionOptions' maxRetries, 3 by default): a database restart or a connection a
 * proxy dropped costs a few seconds instead of the bundle, which on Flink is a restart of the job
 * from its last checkpoint. A writer connects at its first batch, and a connection that fails
 * counts as a failed attempt, where Flink's sink gives up at once: a job restarted while its
 * database is still away waits for it as long. Retrying never makes a second row of an alert in
 * a table with the {@code alert_id} key: a commit whose answer was lost is either in the table,
 * and the insert leaves the alert out, or was rolled back with the connection.
 */
final class JdbcAlertWriter extends DoFn<Alert, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAlertWriter.class);
  /** How long a failed batch's connection gets to answer whether it can still be used. */
  private static final int VALIDITY_CHECK_SECONDS = 5;

  private final String url;
  private final String user;
  private final String password;
  private final String table;
  private final int maxRetries;
  private final Counter retries = Metrics.counter(SinkMetrics.NAMESPACE, "jdbc_retries");
  private transient Connection connection;
  private transient PreparedStatement insert;
  private transient boolean keyed;
  private transient boolean warnedWithoutKey;
  private transient List<Alert> batch;

  JdbcAlertWriter(String url, String user, String password, String table, int maxRetries) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.table = table;
    this.maxRetries = maxRetries;
  }

  @Setup
  public void setup() {
    // connected at the first batch, within its attempts: a writer set up while the database is
    // away (a job restarting after it went) waits for it as a batch does
    batch = new ArrayList<>();
  }

  private void connect() throws SQLException {
    Connection opened = JdbcDrivers.connect(url, user, password);
    try {
      JdbcAlerts.createTableIfAbsent(opened, url, table);
      boolean hasKey = JdbcAlerts.hasAlertIdColumn(opened, table);
      if (!hasKey && !warnedWithoutKey) {
        warnedWithoutKey = true;
        LOG.warn("alert table {} has no alert_id column (a build before it made the table): a "
            + "retried bundle may insert its alerts twice; a new table gets the column", table);
      }
      opened.setAutoCommit(false);
      insert = opened.prepareStatement(JdbcAlerts.insertSql(url, table, hasKey));
      keyed = hasKey;
    } catch (SQLException e) {
      closeQuietly(opened, e);
      throw e;
    }
    connection = opened;
  }

  @StartBundle
  public void startBundle() {
    batch.clear();
  }

  @ProcessElement
  public void add(@Element Alert alert) {
    batch.add(alert); // bound at the bundle's end, so that a retry can bind it again
  }

  @FinishBundle
  public void finishBundle() throws SQLException, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        write();
        batch.clear();
        return;
      } catch (SQLException failed) {
        rollbackQuietly(failed);
        if (attempt >= maxRetries) {
          throw new SQLException("the jdbc sink could not write " + batch.size() + " alert(s) to "
              + "table " + table + " at " + url + " in " + (attempt + 1) + " attempt(s) "
              + "(--jdbcSinkMaxRetries=" + maxRetries + "): " + failed.getMessage(),
              failed.getSQLState(), failed);
        }
        retries.inc();
        LOG.warn("the jdbc sink's batch of {} alert(s) to table {} failed (attempt {} of {}), "
            + "trying again: {}", batch.size(), table, attempt + 1, maxRetries + 1,
            failed.toString());
        dropIfInvalid(failed);
        Thread.sleep(1000L * attempt); // Flink's JdbcSink waits as long before its attempts
      }
    }
  }

  private void write() throws SQLException {
    if (connection == null) {
      connect();
    }
    for (Alert alert : batch) {
      bind(alert);
      insert.addBatch();
    }
    insert.executeBatch();
    connection.commit();
  }

  private void bind(Alert alert) throws SQLException {
    int column = 1;
    if (keyed) {
      insert.setString(column++, JdbcAlerts.alertId(alert));
    }
    insert.setString(column++, alert.ruleId());
    insert.setInt(column++, alert.ruleVersion());
    insert.setString(column++, alert.key());
    insert.setString(column++, alert.kind().name());
    insert.setLong(column++, alert.detectedAt());
    insert.setLong(column++, alert.firstEventTime());
    insert.setLong(column++, alert.lastEventTime());
    insert.setString(column, AlertJson.toJson(alert));
  }

  /** Undoes what the failed attempt wrote, so its retry starts from an empty batch. */
  private void rollbackQuietly(SQLException failed) {
    if (connection == null) {
      return;
    }
    try {
      insert.clearBatch();
      connection.rollback();
    } catch (SQLException alsoFailed) {
      failed.addSuppressed(alsoFailed); // a connection that is gone rolled back on the server
    }
  }

  /** Forgets a connection that can no longer be used: the next attempt opens a new one. */
  private void dropIfInvalid(SQLException failed) {
    if (connection == null) {
      return;
    }
    boolean valid;
    try {
      valid = connection.isValid(VALIDITY_CHECK_SECONDS);
    } catch (SQLException e) {
      valid = false;
    }
    if (!valid) {
      closeQuietly(connection, failed);
      connection = null;
      insert = null;
    }
  }

  private static void closeQuietly(Connection connection, SQLException failed) {
    try {
      connection.close();
    } catch (SQLException e) {
      failed.addSuppressed(e);
    }
  }

  @Teardown
  public void teardown() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }
}

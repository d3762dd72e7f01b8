package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.jdbc.JdbcDrivers;
import io.beamcep.pipeline.rules.RuleTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Alerts into a database table (default {@code match_results}), created if absent with columns
 * {@code rule_id, rule_version, alert_key, kind, detected_at, first_event_time, last_event_time,
 * events_json} (times in epoch ms; {@code events_json} is the whole alert as JSON, events
 * included). Rows are written in one batch per bundle and committed at the bundle's end, so a
 * bundle retried after a failure may insert its rows again (at-least-once).
 */
public final class JdbcAlerts extends PTransform<PCollection<Alert>, PDone> {
  private final String url;
  private final String user;
  private final String password;
  private final String table;

  private JdbcAlerts(String url, String user, String password, String table) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.table = RuleTable.checkTableName(table);
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "the jdbc sink needs a JDBC URL (--jdbcUrl), got '" + url + "'");
    }
  }

  public static JdbcAlerts to(String url, String user, String password, String table) {
    return new JdbcAlerts(url, user, password, table);
  }

  /** The DDL, portable across MariaDB/MySQL, PostgreSQL and H2. */
  static String createTableSql(String url, String table) {
    String text = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? "LONGTEXT"
        : url.startsWith("jdbc:h2:") ? "CLOB" : "TEXT";
    return "CREATE TABLE IF NOT EXISTS " + table + " (rule_id VARCHAR(255) NOT NULL, "
        + "rule_version INT NOT NULL, alert_key VARCHAR(1024) NOT NULL, kind VARCHAR(16) NOT NULL, "
        + "detected_at BIGINT NOT NULL, first_event_time BIGINT NOT NULL, "
        + "last_event_time BIGINT NOT NULL, events_json " + text + " NOT NULL)";
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    alerts.apply("InsertRows", ParDo.of(new InsertFn(url, user, password, table)));
    return PDone.in(alerts.getPipeline());
  }

  private static final class InsertFn extends DoFn<Alert, Void> {
    private final String url;
    private final String user;
    private final String password;
    private final String table;
    private transient Connection connection;
    private transient PreparedStatement insert;
    private transient int pending;

    InsertFn(String url, String user, String password, String table) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.table = table;
    }

    @Setup
    public void setup() throws SQLException {
      connection = JdbcDrivers.connect(url, user, password);
      createTableIfAbsent();
      connection.setAutoCommit(false);
      insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (rule_id, rule_version, alert_key, kind, detected_at, first_event_time,"
                  + " last_event_time, events_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Every worker instance runs this at setup. {@code IF NOT EXISTS} is not atomic everywhere
     * (PostgreSQL: concurrent creators fail on its catalog's unique index), so a failed create is
     * fine when the table exists afterwards.
     */
    private void createTableIfAbsent() throws SQLException {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(createTableSql(url, table));
      } catch (SQLException createFailed) {
        try (Statement probe = connection.createStatement()) {
          probe.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException probeFailed) {
          createFailed.addSuppressed(probeFailed);
          throw createFailed;
        }
      }
    }

    @StartBundle
    public void startBundle() {
      pending = 0;
    }

    @ProcessElement
    public void add(@Element Alert alert) throws SQLException {
      insert.setString(1, alert.ruleId());
      insert.setInt(2, alert.ruleVersion());
      insert.setString(3, alert.key());
      insert.setString(4, alert.kind().name());
      insert.setLong(5, alert.detectedAt());
      insert.setLong(6, alert.firstEventTime());
      insert.setLong(7, alert.lastEventTime());
      insert.setString(8, AlertJson.toJson(alert));
      insert.addBatch();
      pending++;
    }

    @FinishBundle
    public void finishBundle() throws SQLException {
      if (pending > 0) {
        try {
          insert.executeBatch();
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw e; // the runner retries the bundle
        }
        pending = 0;
      }
    }

    @Teardown
    public void teardown() throws SQLException {
      if (connection != null) {
        connection.close();
      }
    }
  }
}

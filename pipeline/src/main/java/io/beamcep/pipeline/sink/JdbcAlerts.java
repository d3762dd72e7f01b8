package io.beamcep.pipeline.sink;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.jdbc.JdbcDrivers;
import io.beamcep.pipeline.rules.RuleTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Alerts into a database table (default {@code match_results}), created if absent with columns
 * {@code alert_id, rule_id, rule_version, alert_key, kind, detected_at, first_event_time,
 * last_event_time, events_json} (times in epoch ms; {@code events_json} is the whole alert as
 * JSON, events included). Rows are written in one batch per bundle and committed at the bundle's
 * end; a batch that fails is tried again, on a new connection when the old one is gone ({@link
 * JdbcAlertWriter}).
 *
 * <p>{@code alert_id}, the table's key, identifies an alert by what it found ({@link
 * #alertId}), and a row whose id the table holds is not inserted again: a bundle retried after a
 * failure, or alerts made again after a restore from a checkpoint, add no duplicate rows. A table
 * made by a build before this column has no key: rows go in as before (at-least-once), with a
 * warning when a writer connects.
 */
public final class JdbcAlerts extends PTransform<PCollection<Alert>, PDone> {
  /**
   * How long the launch check waits for the database to take its connection, as the rule table's
   * reads do; a writer keeps its driver's default, since a slow database there delays a running
   * job where here it refuses a launch.
   */
  private static final Duration LAUNCH_CONNECT = Duration.ofSeconds(5);
  /** As Flink's JdbcExecutionOptions.DEFAULT_MAX_RETRY_TIMES. */
  public static final int DEFAULT_MAX_RETRIES = 3;
  private final String url;
  private final String user;
  private final String password;
  private final String table;
  private final int maxRetries;

  private JdbcAlerts(String url, String user, String password, String table, int maxRetries) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.table = RuleTable.checkTableName(table);
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "the jdbc sink needs a JDBC URL (--jdbcUrl), got '" + url + "'");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException(
          "--jdbcSinkMaxRetries must be 0 or more, got " + maxRetries);
    }
    this.maxRetries = maxRetries;
  }

  /** The sink, trying a failed batch again {@value #DEFAULT_MAX_RETRIES} times. */
  public static JdbcAlerts to(String url, String user, String password, String table) {
    return new JdbcAlerts(url, user, password, table, DEFAULT_MAX_RETRIES);
  }

  /**
   * The same sink trying a failed batch again up to {@code maxRetries} times (0: never), each
   * on a new connection when the old one is gone (see {@link JdbcAlertWriter}).
   */
  public JdbcAlerts withMaxRetries(int maxRetries) {
    return new JdbcAlerts(url, user, password, table, maxRetries);
  }

  /** The DDL, portable across MariaDB/MySQL, PostgreSQL and H2. */
  static String createTableSql(String url, String table) {
    String text = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? "LONGTEXT"
        : url.startsWith("jdbc:h2:") ? "CLOB" : "TEXT";
    // the key only where insertSql can leave a known id out: elsewhere a retried alert would
    // fail its bundle on the key forever; the column is filled anyway
    String key = insertIfAbsent(url) ? " PRIMARY KEY" : "";
    return "CREATE TABLE IF NOT EXISTS " + table + " (alert_id CHAR(64) NOT NULL" + key + ", "
        + "rule_id VARCHAR(255) NOT NULL, "
        + "rule_version INT NOT NULL, alert_key VARCHAR(1024) NOT NULL, kind VARCHAR(16) NOT NULL, "
        + "detected_at BIGINT NOT NULL, first_event_time BIGINT NOT NULL, "
        + "last_event_time BIGINT NOT NULL, events_json " + text + " NOT NULL)";
  }

  /** True for the databases whose words for "insert unless the key is there" we know. */
  private static boolean insertIfAbsent(String url) {
    return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")
        || url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:");
  }

  /**
   * The insert for {@code table}: with {@code keyed} (the table has an alert_id column), one that
   * leaves out a row whose alert id the table holds, in the database's own words (MariaDB/MySQL,
   * PostgreSQL, H2); for a database of another kind a plain insert of the id too (its table has
   * no key: at-least-once); without the column, the insert of a table made before it.
   */
  static String insertSql(String url, String table, boolean keyed) {
    String columns = " (alert_id, rule_id, rule_version, alert_key, kind, detected_at,"
        + " first_event_time, last_event_time, events_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (keyed && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
      return "INSERT INTO " + table + columns + " ON DUPLICATE KEY UPDATE alert_id = alert_id";
    } else if (keyed && url.startsWith("jdbc:postgresql:")) {
      return "INSERT INTO " + table + columns + " ON CONFLICT (alert_id) DO NOTHING";
    } else if (keyed && url.startsWith("jdbc:h2:")) {
      return "MERGE INTO " + table + columns.replace(" VALUES", " KEY (alert_id) VALUES");
    } else if (keyed) {
      return "INSERT INTO " + table + columns;
    }
    return "INSERT INTO " + table + " (rule_id, rule_version, alert_key, kind, detected_at,"
        + " first_event_time, last_event_time, events_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /**
   * An alert's identity: a SHA-256 over its rule version, key, kind and events (each pattern name
   * with its events as JSON), not its detection time, which a processing-time job made again
   * after a restore would give anew. Two alerts of one rule version and key that found the same
   * events under the same names are the same alert.
   */
  static String alertId(Alert alert) {
    StringBuilder identity = new StringBuilder()
        .append(alert.ruleId()).append('\u0000').append(alert.ruleVersion()).append('\u0000')
        .append(alert.key()).append('\u0000').append(alert.kind()).append('\u0000')
        .append(AlertJson.eventsJson(alert));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Does at launch what each writer does at setup, then lets go: connects, makes the table if
   * absent and prepares the insert, so that a job whose alerts cannot be written (a wrong URL,
   * password or table, no right to make it) is refused before it runs instead of failing, and on
   * Flink restarting, at every writer's setup.
   */
  public void checkWritable() throws SQLException {
    try (Connection connection = JdbcDrivers.connect(url, user, password, LAUNCH_CONNECT)) {
      createTableIfAbsent(connection, url, table);
      connection.prepareStatement(insertSql(url, table, hasAlertIdColumn(connection, table)))
          .close();
    }
  }

  /** Where {@link #checkWritable} writes: the table and the database's URL. */
  public String target() {
    return "table " + table + " at " + url;
  }

  /**
   * Every writer runs this at setup. {@code IF NOT EXISTS} is not atomic everywhere (PostgreSQL:
   * concurrent creators fail on its catalog's unique index), so a failed create is fine when the
   * table exists afterwards.
   */
  static void createTableIfAbsent(Connection connection, String url, String table)
      throws SQLException {
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

  static boolean hasAlertIdColumn(Connection connection, String table)
      throws SQLException {
    try (Statement probe = connection.createStatement();
        ResultSet none = probe.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData columns = none.getMetaData();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        if (columns.getColumnLabel(i).equalsIgnoreCase("alert_id")) {
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public PDone expand(PCollection<Alert> alerts) {
    alerts.apply("InsertRows",
        ParDo.of(new JdbcAlertWriter(url, user, password, table, maxRetries)));
    return PDone.in(alerts.getPipeline());
  }
}

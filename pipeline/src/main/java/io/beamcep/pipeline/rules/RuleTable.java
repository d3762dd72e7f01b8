package io.beamcep.pipeline.rules;

import io.beamcep.pipeline.jdbc.JdbcDrivers;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the rules live: a JDBC URL, credentials and a table with columns {@code id, version,
 * pattern, function}. Reads the whole table with plain JDBC, a fresh connection per read: a poll
 * every few seconds does not need a pool, and a fresh connection recovers by itself after the
 * database restarts.
 *
 * <p>The table name is checked against a strict identifier grammar (letters, digits, underscore,
 * optionally {@code schema.table}) before it ever reaches SQL: that, not quoting, is what refuses
 * injection. It is used unquoted so that each database applies its own case rules exactly as when
 * the table was created ({@code CREATE TABLE rules} is {@code RULES} in H2, {@code rules} in
 * PostgreSQL). Columns are found by name in the result set, case-insensitively, so the reserved
 * word {@code function} (MySQL/MariaDB) never has to be written in a query.
 */
public final class RuleTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63})?");
  private static final int TIMEOUT_SECONDS = 5;

  private final String url;
  private final String user;
  private final String password;
  private final String table;

  private RuleTable(String url, String user, String password, String table) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
    this.table = checkTableName(table);
    if (url.isBlank() || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: '" + url + "' (expected jdbc:...)");
    }
  }

  public static RuleTable of(String url, String user, String password, String table) {
    return new RuleTable(url, user, password, table);
  }

  /**
   * Why reading a rule table failed, in a user's words: "there is no such table" when the
   * database says so (SQL state 42P01 in PostgreSQL, 42S02 in MariaDB, MySQL and H2), rather than
   * PostgreSQL's 'ERROR: relation "rules" does not exist Position: 15' (42S04: H2's when its
   * database holds no table at all); else the database's message on one line.
   */
  public static String whyUnreadable(SQLException e) {
    return isUnknownTable(e) ? "there is no such table (cep rules push makes it)" : oneLine(e);
  }

  /** The database's message of {@code e} on one line (drivers break theirs over several). */
  public static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  /** Whether {@code e} says that the table queried does not exist. */
  public static boolean isUnknownTable(SQLException e) {
    String state = e.getSQLState();
    return "42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state);
  }

  /**
   * Throws an {@link IllegalArgumentException} naming the table unless it is a plain identifier.
   */
  public static String checkTableName(String table) {
    if (table == null || !IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "rule table name '" + table + "' is not a plain identifier: use letters, digits and '_'"
              + " (optionally schema.table)");
    }
    return table;
  }

  public String url() {
    return url;
  }

  public String table() {
    return table;
  }

  /** A copy reading the same table from another database URL. */
  public RuleTable withUrl(String otherUrl) {
    return new RuleTable(otherUrl, user, password, table);
  }

  /** Every row of the table, in no particular order. */
  public List<RuleRow> readAll() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(TIMEOUT_SECONDS);
      try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
        return rowsOf(rows, table);
      }
    }
  }

  /**
   * The rule rows of a {@code SELECT *} on rule table {@code table}, columns found by name in any
   * case; NULLs become empty text, so the validator reports the row instead of it vanishing.
   */
  public static List<RuleRow> rowsOf(ResultSet rows, String table) throws SQLException {
    Map<String, Integer> columns = columns(rows.getMetaData());
    int id = require(columns, "id", table);
    int version = require(columns, "version", table);
    int pattern = require(columns, "pattern", table);
    Integer function = columns.get("function");
    List<RuleRow> out = new ArrayList<>();
    while (rows.next()) {
      String idValue = rows.getString(id);
      String patternValue = rows.getString(pattern);
      out.add(
          new RuleRow(
              idValue == null ? "" : idValue,
              rows.getInt(version),
              patternValue == null ? "" : patternValue,
              function == null ? null : rows.getString(function)));
    }
    return out;
  }

  private Connection connect() throws SQLException {
    // Bounded so that an unreachable database fails a poll instead of hanging it.
    return JdbcDrivers.connect(url, user, password, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  private static Map<String, Integer> columns(ResultSetMetaData meta) throws SQLException {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    return columns;
  }

  private static int require(Map<String, Integer> columns, String name, String table)
      throws SQLException {
    Integer index = columns.get(name);
    if (index == null) {
      throw new SQLException(
          "rule table " + table + " has no column '" + name + "' (needs id, version, pattern,"
              + " function; has " + columns.keySet() + ")");
    }
    return index;
  }

  @Override
  public String toString() {
    // Never the password.
    return table + " at " + url;
  }
}

package io.beamcep.runners.rules;

import io.beamcep.runners.UserError;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule table over plain JDBC (MariaDB/MySQL, PostgreSQL, H2): read every row, or push rows.
 * The identifier quote comes from the driver, because {@code function} is a reserved word in
 * MySQL/MariaDB and quoting differs per database.
 */
public final class RuleDatabase implements AutoCloseable {
  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final String url;
  private final String table;
  private final Connection connection;
  private final String quote;

  private RuleDatabase(String url, String table, Connection connection) throws SQLException {
    this.url = url;
    this.table = table;
    this.connection = connection;
    String q = connection.getMetaData().getIdentifierQuoteString();
    this.quote = q == null || q.isBlank() ? "" : q.trim();
  }

  public static RuleDatabase open(String url, String user, String password, String table) {
    if (!TABLE.matcher(table).matches()) {
      throw new UserError("table name '" + table + "' is not letters, digits and '_' "
          + "(optionally schema.table)");
    }
    try {
      return new RuleDatabase(url, table, DriverManager.getConnection(url, user, password));
    } catch (SQLException e) {
      throw new UserError("cannot connect to " + url + ": " + oneLine(e), e);
    }
  }

  public List<TableRow> readAll() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      Map<String, Integer> columns = new HashMap<>();
      ResultSetMetaData meta = rows.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
      }
      for (String required : List.of("id", "version", "pattern")) {
        if (!columns.containsKey(required)) {
          throw new UserError("table " + table + " in " + url + " has no column '" + required
              + "' (needs id, version, pattern, function)");
        }
      }
      List<TableRow> result = new ArrayList<>();
      while (rows.next()) {
        String function = columns.containsKey("function")
            ? rows.getString(columns.get("function")) : null;
        result.add(new TableRow(rows.getString(columns.get("id")),
            rows.getInt(columns.get("version")), rows.getString(columns.get("pattern")), function));
      }
      return result;
    } catch (SQLException e) {
      throw new UserError("cannot read table " + table + " in " + url + ": " + oneLine(e), e);
    }
  }

  /**
   * Inserts the rows in one transaction; an id already in the table gets its highest version plus
   * one, so the pushed row becomes the active one. Returns the rows as stored.
   */
  public List<TableRow> push(List<TableRow> rows) {
    try {
      createIfAbsent();
      connection.setAutoCommit(false);
      List<TableRow> stored = new ArrayList<>();
      String max = "SELECT MAX(version) FROM " + table + " WHERE id = ?";
      String insert = "INSERT INTO " + table + " (id, version, pattern, " + quote + "function"
          + quote + ") VALUES (?, ?, ?, ?)";
      try (PreparedStatement highest = connection.prepareStatement(max);
          PreparedStatement add = connection.prepareStatement(insert)) {
        for (TableRow row : rows) {
          highest.setString(1, row.id());
          int version = row.version();
          try (ResultSet result = highest.executeQuery()) {
            if (result.next() && result.getObject(1) != null) {
              version = result.getInt(1) + 1;
            }
          }
          add.setString(1, row.id());
          add.setInt(2, version);
          add.setString(3, row.pattern());
          add.setString(4, row.function());
          add.executeUpdate();
          stored.add(new TableRow(row.id(), version, row.pattern(), row.function()));
        }
      }
      connection.commit();
      return stored;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The push failed already; that is the error worth reporting.
      }
      throw new UserError("cannot push rules into " + table + " in " + url + ": " + oneLine(e), e);
    }
  }

  private void createIfAbsent() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(128) NOT NULL, "
          + "version INT NOT NULL, pattern TEXT NOT NULL, " + quote + "function" + quote
          + " VARCHAR(255), PRIMARY KEY (id, version))");
    }
  }

  static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing left to do with a connection we are done with.
    }
  }
}

package io.beamcep.runners.rules;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.pipeline.rules.ActiveRules;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleTable;
import io.beamcep.pipeline.rules.RuleValidator;
import io.beamcep.runners.UserError;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The rule table over plain JDBC (MariaDB/MySQL, PostgreSQL, H2): read every row, push rows, or
 * remove rules. The identifier quote comes from the driver, because {@code function} is a reserved
 * word in MySQL/MariaDB and quoting differs per database.
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
      throw new UserError("cannot connect to " + url + ": " + RuleTable.oneLine(e), e);
    }
  }

  public List<RuleRow> readAll() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      return RuleTable.rowsOf(rows, table);
    } catch (SQLException e) {
      throw new UserError("cannot read table " + table + " in " + url + ": "
          + RuleTable.whyUnreadable(e), e);
    }
  }

  /**
   * A row {@link #push} was given, as the table holds it now: {@code inserted} when it was stored
   * as a new version, else the id's highest version, which already held the same rule.
   */
  public record Pushed(RuleRow row, boolean inserted) {}

  /**
   * Inserts the rows in one transaction; an id already in the table gets its highest version plus
   * one, so the pushed row becomes the active one. A row whose pattern and function are
   * those of its id's highest version is not inserted unless {@code force}: a new version of the
   * same rule would make a running job drop the rule's partial matches and start it afresh, which
   * a deployment that pushes its whole rule file each time did to every rule.
   */
  public List<Pushed> push(List<RuleRow> rows, boolean force) {
    return push(rows, force, false);
  }

  /**
   * {@link #push(List, boolean)}, or with {@code dryRun} what it would do, without writing: the
   * versions it would give and the rows it would leave out. A table that is absent is not made.
   */
  public List<Pushed> push(List<RuleRow> rows, boolean force, boolean dryRun) {
    try {
      boolean absent = dryRun && !exists();
      if (!dryRun) {
        createIfAbsent();
        connection.setAutoCommit(false);
      }
      List<Pushed> pushed = new ArrayList<>();
      // per id, its highest version so far: the table's, then this push's (a file may hold an id
      // twice; a dry run writes nothing to read back)
      Map<String, RuleRow> newest = new HashMap<>();
      String insert = "INSERT INTO " + table + " (id, version, pattern, " + quote + "function"
          + quote + ") VALUES (?, ?, ?, ?)";
      // none for a dry run: H2 checks at once that the table is there
      try (PreparedStatement add = dryRun ? null : connection.prepareStatement(insert)) {
        for (RuleRow row : rows) {
          RuleRow current = newest.containsKey(row.id()) || absent ? newest.get(row.id())
              : highestVersion(row.id());
          if (current != null && !force && sameRule(current, row)) {
            pushed.add(new Pushed(current, false));
            continue;
          }
          int version = current == null ? row.version() : current.version() + 1;
          RuleRow stored = new RuleRow(row.id(), version, row.pattern(), row.function());
          if (!dryRun) {
            add.setString(1, row.id());
            add.setInt(2, version);
            add.setString(3, row.pattern());
            add.setString(4, row.function());
            add.executeUpdate();
          }
          newest.put(row.id(), stored);
          pushed.add(new Pushed(stored, true));
        }
      }
      if (!dryRun) {
        connection.commit();
      }
      return pushed;
    } catch (SQLException e) {
      rollBack();
      throw new UserError(
          "cannot push rules into " + table + " in " + url + ": " + RuleTable.oneLine(e), e);
    }
  }

  /** The row of {@code id}'s highest version in the table, or null when it holds none. */
  private RuleRow highestVersion(String id) throws SQLException {
    String latest = "SELECT version, pattern, " + quote + "function" + quote + " FROM " + table
        + " WHERE id = ? ORDER BY version DESC";
    try (PreparedStatement highest = connection.prepareStatement(latest)) {
      highest.setString(1, id);
      try (ResultSet result = highest.executeQuery()) {
        return result.next() ? new RuleRow(id, result.getInt(1),
            emptyIfNull(result.getString(2)), result.getString(3)) : null;
      }
    }
  }

  /**
   * What {@link #remove} took out of the table for one id: the versions deleted, and the row a job
   * reading the table runs for that id before and after (none when no version of it is valid).
   */
  public record Removed(String id, List<Integer> versions, Optional<RuleRow> activeBefore,
      Optional<RuleRow> activeAfter) {
    public Removed {
      versions = List.copyOf(versions);
    }
  }

  /**
   * Deletes every version of each of {@code ids}, or only {@code version} of the one id given, in
   * one transaction: an id the table does not hold, or a version it does not hold of its id,
   * deletes nothing and names it. A job reading the table stops running a removed rule at its next
   * poll, and drops its partial matches; a removed highest version makes the job run the next valid
   * version below it instead, afresh, which {@link Removed#activeAfter} tells. A {@code dryRun}
   * makes the same changes in the transaction, so it finds and tells the same, and rolls it back.
   */
  public List<Removed> remove(List<String> ids, OptionalInt version, RuleValidator validator,
      boolean dryRun) {
    try {
      connection.setAutoCommit(false);
      Map<String, RuleRow> before = activeById(validator);
      Map<String, List<Integer>> deleted = new LinkedHashMap<>();
      String held = "SELECT version FROM " + table + " WHERE id = ? ORDER BY version";
      String delete = "DELETE FROM " + table + " WHERE id = ?"
          + (version.isPresent() ? " AND version = ?" : "");
      try (PreparedStatement versions = connection.prepareStatement(held);
          PreparedStatement drop = connection.prepareStatement(delete)) {
        for (String id : ids) {
          List<Integer> stored = new ArrayList<>();
          versions.setString(1, id);
          try (ResultSet result = versions.executeQuery()) {
            while (result.next()) {
              stored.add(result.getInt(1));
            }
          }
          if (stored.isEmpty()) {
            throw new UserError("rule " + id + " is not in " + table + " in " + url
                + ": nothing removed");
          }
          if (version.isPresent() && !stored.contains(version.getAsInt())) {
            throw new UserError("rule " + id + " has no version " + version.getAsInt() + " in "
                + table + " (it has " + versionList(stored) + "): nothing removed");
          }
          drop.setString(1, id);
          if (version.isPresent()) {
            drop.setInt(2, version.getAsInt());
          }
          drop.executeUpdate();
          deleted.put(id, version.isPresent() ? List.of(version.getAsInt()) : stored);
        }
      }
      Map<String, RuleRow> after = activeById(validator);
      if (dryRun) {
        connection.rollback();
      } else {
        connection.commit();
      }
      List<Removed> removed = new ArrayList<>();
      deleted.forEach((id, versions) -> removed.add(new Removed(id, versions,
          Optional.ofNullable(before.get(id)), Optional.ofNullable(after.get(id)))));
      return removed;
    } catch (SQLException e) {
      rollBack();
      throw new UserError(
          "cannot remove rules from " + table + " in " + url + ": " + RuleTable.oneLine(e), e);
    } catch (RuntimeException e) {
      rollBack();
      throw e;
    }
  }

  /** {@code v1, v2}: versions as the commands print them. */
  public static String versionList(List<Integer> versions) {
    return String.join(", ", versions.stream().map(v -> "v" + v).toList());
  }

  /** The row a job reading the table now runs, per id (this connection's own changes seen). */
  private Map<String, RuleRow> activeById(RuleValidator validator) {
    Map<String, RuleRow> active = new HashMap<>();
    for (RuleRow row : ActiveRules.select(readAll(), validator).active()) {
      active.put(row.id(), row);
    }
    return active;
  }

  private void rollBack() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The change failed already; that is the error worth reporting.
    }
  }

  /**
   * True when {@code stored} holds the rule {@code pushed} does: the same pattern as the rule
   * reader reads it (however the stored text is laid out, or if it is a JSON string holding the
   * object) and the same function (a blank one is the default either way). A stored pattern that
   * does not read differs from any.
   */
  private static boolean sameRule(RuleRow stored, RuleRow pushed) {
    try {
      return RuleJson.parseRule(stored.id(), stored.version(), stored.pattern(), null).pattern()
          .equals(RuleJson.parseRule(pushed.id(), pushed.version(), pushed.pattern(), null)
              .pattern())
          && Objects.equals(blankAsNull(stored.function()), blankAsNull(pushed.function()));
    } catch (RuleException unreadable) {
      return false;
    }
  }

  private static String emptyIfNull(String text) {
    return text == null ? "" : text;
  }

  private static String blankAsNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** Whether the table is there: a query of it fails with the SQL state of an unknown table. */
  private boolean exists() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT id FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      if (RuleTable.isUnknownTable(e)) {
        return false;
      }
      throw e;
    }
  }

  private void createIfAbsent() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(128) NOT NULL, "
          + "version INT NOT NULL, pattern TEXT NOT NULL, " + quote + "function" + quote
          + " VARCHAR(255), PRIMARY KEY (id, version))");
    }
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

package io.beamcep.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.rules.RuleTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases the rule source is tested against: a real MariaDB and a real PostgreSQL (local
 * services, required: a test fails, never skips, when they are down) and an embedded H2. Each
 * {@link RuleTableFixture} is a fresh table with a unique name, dropped on close, so tests never
 * see each other's rows.
 */
public enum Databases {
  MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", ""),
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""),
  H2("jdbc:h2:mem:beamcep;DB_CLOSE_DELAY=-1", "sa", "");

  private final String url;
  private final String user;
  private final String password;

  Databases(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public String url() {
    return url;
  }

  /**
   * This server's URL with its port replaced by {@code port}, such as a {@link FaultyTcpProxy}'s
   * in front of it; not for H2, which has no port.
   */
  public String urlThroughPort(int port) {
    if (this == H2) {
      throw new IllegalStateException("an embedded H2 database has no port to go through");
    }
    return url.replaceFirst(":\\d+/", ":" + port + "/");
  }

  /** The port of this server's URL; not for H2. */
  public int port() {
    Matcher port = Pattern.compile(":(\\d+)/").matcher(url);
    if (this == H2 || !port.find()) {
      throw new IllegalStateException("an embedded H2 database has no port");
    }
    return Integer.parseInt(port.group(1));
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The column name {@code function}, written so that this database accepts it in DDL and DML. */
  public String functionColumn() {
    return this == MARIADB ? "`function`" : "function";
  }

  /** A fresh, empty rule table {@code <prefix>_<random>} with the reference's columns. */
  public RuleTableFixture newRuleTable(String prefix) {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
            .toLowerCase(Locale.ROOT);
    return createRuleTable(name);
  }

  /** A rule table with exactly this name, replaced if it exists (the e2e uses the seed's names). */
  public RuleTableFixture createRuleTable(String name) {
    String text = this == POSTGRESQL ? "TEXT" : this == MARIADB ? "LONGTEXT" : "CLOB";
    execute("DROP TABLE IF EXISTS " + name);
    execute(
        "CREATE TABLE " + name + " (id VARCHAR(64) NOT NULL, version INT NOT NULL, pattern " + text
            + ", " + functionColumn() + " VARCHAR(255))");
    return new RuleTableFixture(this, name);
  }

  /**
   * MariaDB only: the user {@code user}, made if absent, signing in with {@code password} (reset
   * to it if the user existed) and allowed everything in the database {@code test}, for tests of
   * a job that must carry a password to its workers.
   */
  public void userWithPassword(String user, String password) {
    if (this != MARIADB) {
      throw new UnsupportedOperationException("users are made in MariaDB only, not " + this);
    }
    execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    execute("GRANT ALL PRIVILEGES ON test.* TO '" + user + "'@'%'");
  }

  public void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(this + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  /** One rule table in one database; insert/update/delete rows like an operator would. */
  public static final class RuleTableFixture implements AutoCloseable {
    private final Databases database;
    private final String name;

    private RuleTableFixture(Databases database, String name) {
      this.database = database;
      this.name = name;
    }

    public String name() {
      return name;
    }

    public Databases database() {
      return database;
    }

    /** This table as the rule poller reads it. */
    public RuleTable source() {
      return RuleTable.of(database.url(), database.user(), database.password(), name);
    }

    /** Every row of a rules file (a JSON array of rule rows), as a rules push would. */
    public RuleTableFixture insertRows(Path rulesFile) {
      try {
        for (JsonNode row : new ObjectMapper().readTree(rulesFile.toFile())) {
          JsonNode pattern = row.get("pattern");
          insert(row.get("id").asText(), row.get("version").asInt(),
              pattern.isTextual() ? pattern.asText() : pattern.toString(),
              row.path("function").asText(null));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    public RuleTableFixture insert(String id, int version, String pattern, String function) {
      update(
          "INSERT INTO " + name + " (id, version, pattern, " + database.functionColumn()
              + ") VALUES (?, ?, ?, ?)",
          id, version, pattern, function);
      return this;
    }

    public void setPattern(String id, int version, String pattern) {
      update(
          "UPDATE " + name + " SET pattern = ? WHERE id = ? AND version = ?", pattern, id, version);
    }

    public void delete(String id, int version) {
      update("DELETE FROM " + name + " WHERE id = ? AND version = ?", id, version);
    }

    public void drop() {
      database.execute("DROP TABLE IF EXISTS " + name);
    }

    private void update(String sql, Object... values) {
      try (Connection connection = database.connect();
          PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setObject(i + 1, values[i]);
        }
        statement.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(database + ": " + sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      drop();
    }
  }
}

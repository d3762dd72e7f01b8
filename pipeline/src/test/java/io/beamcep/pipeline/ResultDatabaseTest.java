package io.beamcep.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --resultJdbcUrl: the jdbc sink's alerts in a database of their own, under a user of their own,
 * while the rules come from the rule table's.
 */
class ResultDatabaseTest {
  private static final String WRITER = "cep_alert_writer";
  private static final String WRITER_PASSWORD = "writer-secret";

  @TempDir Path dir;

  /**
   * Rules: scenario 2's in a MariaDB table read as root. Alerts: the jdbc sink, first into
   * PostgreSQL, then into MariaDB as a user of their own whose password is in a file (root has
   * none: signing in as root with it would be refused). Expected: the scenario's alerts are rows
   * of each alert table, and the first run made no table in the rules' database.
   */
  @Test
  void alertsGoToTheirOwnDatabaseUnderTheirOwnUser() throws Exception {
    Databases.MARIADB.userWithPassword(WRITER, WRITER_PASSWORD);
    int expected = Scenarios.lines(Scenarios.expectedFile(2)).size();
    try (RuleTableFixture rules = Databases.MARIADB.newRuleTable("rules_apart")) {
      rules.insertRows(Scenarios.rulesFile(2));
      String table = rules.name() + "_alerts";
      try {
        CepPipelineOptions postgres = job(rules, table);
        postgres.setResultJdbcUrl(Databases.POSTGRESQL.url());
        postgres.setResultJdbcUser(Databases.POSTGRESQL.user());
        CepPipeline.run(postgres).waitUntilFinish();
        assertThat(rows(Databases.POSTGRESQL, table), equalTo(expected));
        assertThat(tables(Databases.MARIADB).contains(table), equalTo(false));

        CepPipelineOptions writer = job(rules, table);
        writer.setResultJdbcUrl(Databases.MARIADB.url());
        writer.setResultJdbcUser(WRITER);
        writer.setResultJdbcPasswordFile(
            Files.writeString(dir.resolve("writer"), WRITER_PASSWORD + "\n").toString());
        CepPipeline.run(writer).waitUntilFinish();
        assertThat(rows(Databases.MARIADB, table), equalTo(expected));
      } finally {
        Databases.POSTGRESQL.execute("DROP TABLE IF EXISTS " + table);
        Databases.MARIADB.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /**
   * The sink's user without its database; its database without the sink; and a rules file with
   * --jdbcUrl while the sink writes elsewhere (the table would be read by nothing). Expected:
   * each refused, naming the options.
   */
  @Test
  void optionsOfTheResultDatabaseThatWouldGoUnusedAreRefused() throws IOException {
    try (RuleTableFixture rules = Databases.MARIADB.newRuleTable("rules_apart")) {
      CepPipelineOptions userAlone = job(rules, "alerts");
      userAlone.setResultJdbcUser("someone");
      assertThat(assertThrows(IllegalArgumentException.class,
          () -> CepPipeline.run(userAlone)).getMessage(), equalTo("--resultJdbcUser and "
          + "--resultJdbcPasswordFile sign the jdbc sink in to --resultJdbcUrl, which is not "
          + "given"));

      CepPipelineOptions noSink = job(rules, "alerts");
      noSink.setSinks("stdout");
      noSink.setResultJdbcUrl(Databases.POSTGRESQL.url());
      assertThat(assertThrows(IllegalArgumentException.class,
          () -> CepPipeline.run(noSink)).getMessage(),
          equalTo("--resultJdbcUrl is for the jdbc sink, which --sinks=stdout does not name"));

      CepPipelineOptions fileAndTable = job(rules, "alerts");
      fileAndTable.setRulesFile(Scenarios.rulesFile(2).toString());
      fileAndTable.setResultJdbcUrl(Databases.POSTGRESQL.url());
      assertThat(assertThrows(IllegalArgumentException.class,
          () -> CepPipeline.run(fileAndTable)).getMessage(), equalTo("--rulesFile and --jdbcUrl "
          + "both give the job's rules: leave one out (beside --rulesFile, --jdbcUrl is the jdbc "
          + "sink's database, and the jdbc sink writes to --resultJdbcUrl)"));
    }
  }

  /** Scenario 2 replayed on the DirectRunner: rules from {@code rules}, alerts to {@code table}. */
  private static CepPipelineOptions job(RuleTableFixture rules, String table) {
    CepPipelineOptions options = Scenarios.replay(2);
    options.setJdbcUrl(Databases.MARIADB.url());
    options.setJdbcUser(Databases.MARIADB.user());
    options.setTableName(rules.name());
    options.setSinks("jdbc");
    options.setResultTable(table);
    return options;
  }

  private static int rows(Databases database, String table) throws Exception {
    try (Connection connection = database.connect();
        ResultSet count = connection.createStatement()
            .executeQuery("SELECT COUNT(*) FROM " + table)) {
      count.next();
      return count.getInt(1);
    }
  }

  private static List<String> tables(Databases database) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = database.connect();
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}

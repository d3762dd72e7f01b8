package io.beamcep.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --jdbcPasswordFile: the database's password read from a file where the job is launched, so that
 * it is on no command line, against a MariaDB user that signs in with a password.
 */
class JdbcPasswordFileTest {
  private static final String USER = "cep_reader";
  private static final String PASSWORD = "reader-secret";

  @TempDir Path dir;

  @BeforeAll
  static void makeUser() {
    Databases.MARIADB.userWithPassword(USER, PASSWORD);
  }

  /**
   * Rules: scenario 2's, in a table the user reads with the password of a file that ends with a
   * line break (as `echo secret > file` writes it). Alerts: the jdbc sink, the same database.
   * Expected: the scenario's matches are rows (the rule table's reader and the sink's writers
   * signed in), and the password is in no option of the job.
   */
  @Test
  void theRulesAndTheAlertsOfAJobReachTheDatabaseWithThePasswordOfAFile() throws Exception {
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("password_file")) {
      table.insertRows(Scenarios.rulesFile(2));
      CepPipelineOptions options = job(table, Files.writeString(dir.resolve("db-password"),
          PASSWORD + "\n"));
      options.setSinks("jdbc");
      options.setResultTable(table.name() + "_alerts");

      CepPipeline.run(options).waitUntilFinish();

      try (var connection = Databases.MARIADB.connect();
          var rows = connection.createStatement().executeQuery(
              "SELECT COUNT(*) FROM " + table.name() + "_alerts")) {
        rows.next();
        assertThat(rows.getInt(1), equalTo(Scenarios.lines(Scenarios.expectedFile(2)).size()));
      } finally {
        Databases.MARIADB.execute("DROP TABLE IF EXISTS " + table.name() + "_alerts");
      }
      assertThat(options.getJdbcPassword(), equalTo(""));
    }
  }

  /**
   * The file as Windows editors save it: a byte order mark first and CRLF after the password.
   * Expected: the job signs in (before, the mark was the password's first character, and the
   * database refused it).
   */
  @Test
  void aPasswordFileWithAByteOrderMarkSignsIn() throws Exception {
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("password_file_bom")) {
      table.insertRows(Scenarios.rulesFile(2));
      Path file = Files.write(dir.resolve("db-password"),
          ("\uFEFF" + PASSWORD + "\r\n").getBytes(StandardCharsets.UTF_8));

      CepPipeline.run(job(table, file)).waitUntilFinish();
    }
  }

  /**
   * The file with a wrong password, an empty one, one that is not there, and a password given
   * twice. Expected: each refused at launch, naming the file or both options; the wrong password
   * with the database's reason.
   */
  @Test
  void aPasswordFileThatCannotSignInIsRefusedAtLaunch() throws IOException {
    try (RuleTableFixture table = Databases.MARIADB.newRuleTable("password_file")) {
      Path wrong = Files.writeString(dir.resolve("wrong"), "not-" + PASSWORD);
      IllegalStateException denied = assertThrows(IllegalStateException.class,
          () -> CepPipeline.run(job(table, wrong)));
      assertThat(denied.getMessage(), startsWith("cannot read rule table " + table.name()));
      assertThat(denied.getMessage(), containsString("Access denied for user '" + USER + "'"));

      Path empty = Files.writeString(dir.resolve("empty"), "\n");
      IllegalStateException blank = assertThrows(IllegalStateException.class,
          () -> CepPipeline.run(job(table, empty)));
      assertThat(blank.getMessage(), equalTo("--jdbcPasswordFile " + empty + " is empty"));

      Path missing = dir.resolve("missing");
      IllegalStateException absent = assertThrows(IllegalStateException.class,
          () -> CepPipeline.run(job(table, missing)));
      assertThat(absent.getMessage(), startsWith("--jdbcPasswordFile " + missing
          + " cannot be read: "));

      CepPipelineOptions twice = job(table, wrong);
      twice.setJdbcPassword(PASSWORD);
      IllegalArgumentException both =
          assertThrows(IllegalArgumentException.class, () -> CepPipeline.run(twice));
      assertThat(both.getMessage(), equalTo(
          "--jdbcPassword and --jdbcPasswordFile both give the password: leave one out"));
    }
  }

  /** A replay of scenario 2's events on the DirectRunner, its rules in {@code table}. */
  private static CepPipelineOptions job(RuleTableFixture table, Path passwordFile) {
    CepPipelineOptions options = Scenarios.replay(2);
    options.setJdbcUrl(Databases.MARIADB.url());
    options.setJdbcUser(USER);
    options.setJdbcPasswordFile(passwordFile.toString());
    options.setTableName(table.name());
    options.setSinks("stdout");
    return options;
  }
}

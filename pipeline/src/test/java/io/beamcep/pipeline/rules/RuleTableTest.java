package io.beamcep.pipeline.rules;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import java.net.ServerSocket;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a rule table from each supported database. */
class RuleTableTest {

  @ParameterizedTest
  @EnumSource(Databases.class)
  void readsEveryRowWithItsFunctionEvenWhenNull(Databases db) throws SQLException {
    try (RuleTableFixture rules = db.newRuleTable("rules")) {
      rules.insert("1", 1, "{\"a\":1}", "fn")
          .insert("1", 2, "{\"a\":2}", null)
          .insert("2", 1, "{}", "fn");

      RuleTable table = RuleTable.of(db.url(), db.user(), db.password(), rules.name());

      assertThat(
          table.readAll(),
          containsInAnyOrder(
              new RuleRow("1", 1, "{\"a\":1}", "fn"),
              new RuleRow("1", 2, "{\"a\":2}", null),
              new RuleRow("2", 1, "{}", "fn")));
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aTableWithoutTheRuleColumnsIsRefusedNamingTheColumn(Databases db) {
    String name = "not_rules_" + db.name().toLowerCase();
    db.execute("DROP TABLE IF EXISTS " + name);
    db.execute("CREATE TABLE " + name + " (id VARCHAR(10), version INT)");
    try {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> RuleTable.of(db.url(), db.user(), db.password(), name).readAll());
      assertThat(e.getMessage(), containsString("no column 'pattern'"));
    } finally {
      db.execute("DROP TABLE " + name);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rules; DROP TABLE rules",
        "rules--",
        "`rules`",
        "\"rules\"",
        "a.b.c",
        "",
        "1rules",
        "rules x"
      })
  void tableNamesThatAreNotPlainIdentifiersAreRefused(String name) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RuleTable.of("jdbc:h2:mem:x", "sa", "", name));
    assertThat(e.getMessage(), containsString("not a plain identifier"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rules", "rds_demo1", "cep.rules", "_Rules2"})
  void plainIdentifiersAreAccepted(String name) {
    RuleTable.of("jdbc:h2:mem:x", "sa", "", name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"jdbc:mariadb://127.0.0.1:%d/test", "jdbc:postgresql://127.0.0.1:%d/test"})
  void anUnreachableDatabaseFailsTheReadQuickly(String urlFormat) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RuleTable table = RuleTable.of(String.format(urlFormat, closedPort), "root", "", "rules");

    assertThrows(SQLException.class, table::readAll);
  }
}

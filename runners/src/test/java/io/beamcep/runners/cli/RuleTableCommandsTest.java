package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.runners.CepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cep rules list} and {@code cep rules remove} over an H2 rule table: each case is a table,
 * a command, what it says a job reading the table runs, and the rows left. The table holds
 * {@code views} (scenario 1's rule) in versions 1 and 2 (v2 with a 10-minute window) and {@code
 * carts} (scenario 2's rule) in version 1.
 */
class RuleTableCommandsTest {

  private static final Path TESTDATA = RulesCommandTest.TESTDATA;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final String url = "jdbc:h2:mem:remove" + UUID.randomUUID().toString().replace("-", "")
      + ";DB_CLOSE_DELAY=-1";

  @BeforeEach
  void aTableOfTwoRulesOneInTwoVersions() throws IOException {
    assertThat(push(views(5), scenarioRow(2, "carts")).exitCode(), equalTo(0));
    assertThat(push(views(10)).exitCode(), equalTo(0));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  /** Scenario 1's rule as {@code views}, with a window of {@code minutes} (its own: 5). */
  private static ObjectNode views(int minutes) throws IOException {
    String row = scenarioRow(1, "views").toString();
    assertThat("the fixture still has a 5-minute window", row, containsString("\"size\":5}"));
    return (ObjectNode) JSON.readTree(row.replace("\"size\":5}", "\"size\":" + minutes + "}"));
  }

  @Test
  void listNamesEachRulesActiveVersionAndTheVersionsHeld() {
    CepRunner list = list();
    assertThat(list.err(), list.exitCode(), equalTo(0));
    assertThat(list.out().lines().toList(), contains("rule carts: v1 active; held: v1",
        "rule views: v2 active; held: v1, v2", "2 rule(s), 2 active"));
  }

  /**
   * A version above the active one that does not compile, and a rule none of whose versions do.
   * Expected: each refused version is named under its rule with its path and reason, and the rule
   * with none valid has no version active.
   */
  @Test
  void listNamesTheVersionsAJobRefuses() throws SQLException {
    sql("INSERT INTO rules VALUES ('views', 3, '{\"nodes\": 3}', NULL)");
    sql("INSERT INTO rules VALUES ('broken', 1, '{\"nodes\": []}', NULL)");
    CepRunner list = list();
    assertThat(list.err(), list.exitCode(), equalTo(0));
    List<String> lines = list.out().lines().toList();
    assertThat(lines, contains(equalTo("rule broken: no version active; held: v1"),
        startsWith("  v1 refused at $.pattern"), equalTo("rule carts: v1 active; held: v1"),
        equalTo("rule views: v2 active; held: v1, v2, v3"),
        startsWith("  v3 refused at $.pattern.nodes: "), equalTo("3 rule(s), 2 active")));
  }

  @Test
  void listAfterARemovalShowsWhatAJobRunsThen() {
    assertThat(remove("views", "--only-version", "2").exitCode(), equalTo(0));
    assertThat(list().out().lines().toList(), contains("rule carts: v1 active; held: v1",
        "rule views: v1 active; held: v1", "2 rule(s), 2 active"));
  }

  /**
   * A push dry run of views as it is, carts with a wider window and a new rule. Expected: views
   * left out, carts as v2 and the new rule as v1, said as what the push would do; the table as it
   * was.
   */
  @Test
  void aPushDryRunSaysWhatThePushWouldDoAndChangesNothing() throws IOException {
    ObjectNode carts = scenarioRow(2, "carts");
    String wider = carts.toString().replace("\"size\":30", "\"size\":45");
    assertThat("the fixture still has a 30-minute window", wider, containsString("\"size\":45"));
    CepRunner dryRun = push("--dry-run", views(10), (ObjectNode) JSON.readTree(wider),
        scenarioRow(4, "drops"));
    assertThat(dryRun.err(), dryRun.exitCode(), equalTo(0));
    assertThat(dryRun.out().lines().toList(), contains(
        "rule views v2 in rules is the same rule: not pushed (--force pushes it as a new version)",
        "would push rule carts v2 into rules", "would push rule drops v1 into rules",
        "nothing pushed (--dry-run)"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  /** A file holding views twice, changed each time. Expected: v3 and v4, dry run or not. */
  @Test
  void aPushDryRunGivesTheVersionsThePushGives() throws IOException {
    CepRunner dryRun = push("--dry-run", views(15), views(20));
    assertThat(dryRun.out().lines().toList(), contains("would push rule views v3 into rules",
        "would push rule views v4 into rules", "nothing pushed (--dry-run)"));
    CepRunner real = push(views(15), views(20));
    assertThat(real.out().lines().toList(), contains("pushed rule views v3 into rules",
        "pushed rule views v4 into rules"));
  }

  @Test
  void aPushDryRunIntoATableThatIsNotThereMakesNoTable() throws IOException {
    CepRunner dryRun = cep("rules", "push", "--dry-run", "--jdbc", url, "--table", "absent",
        "--user", "sa", TESTDATA.resolve("scenario1.rules.json").toString());
    assertThat(dryRun.err(), dryRun.exitCode(), equalTo(0));
    assertThat(dryRun.out().lines().toList(), contains("would push rule 1 v1 into absent",
        "nothing pushed (--dry-run)"));
    CepRunner list = cep("rules", "list", "--jdbc", url, "--table", "absent", "--user", "sa");
    assertThat(list.exitCode(), equalTo(1));
    assertThat(list.err(), containsString("cannot read table absent"));
  }

  @Test
  void aRuleRemovedLosesEveryVersionAndTheOtherRulesStay() {
    CepRunner remove = remove("views");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains("removed rule views v1, v2 from rules: "
        + "a job reading the table stops running it at its next poll"));
    assertThat(rows(), contains("carts v1"));
  }

  @Test
  void severalRulesAreRemovedAtOnce() {
    CepRunner remove = remove("views", "carts");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains(
        "removed rule views v1, v2 from rules: a job reading the table stops running it at its "
            + "next poll",
        "removed rule carts v1 from rules: a job reading the table stops running it at its next "
            + "poll"));
    assertThat(rows(), empty());
  }

  @Test
  void theHighestVersionRemovedRollsTheRuleBackToTheVersionBelow() {
    CepRunner remove = remove("views", "--only-version", "2");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains("removed rule views v2 from rules: "
        + "a job reading the table runs v1 from its next poll, afresh"));
    assertThat(rows(), contains("carts v1", "views v1"));
  }

  @Test
  void anOlderVersionRemovedLeavesTheActiveOneRunning() {
    CepRunner remove = remove("views", "--only-version", "1");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains("removed rule views v1 from rules: "
        + "a job reading the table goes on running v2"));
    assertThat(rows(), contains("carts v1", "views v2"));
  }

  @Test
  void aRefusedHighestVersionRemovedLeavesTheVersionTheJobRuns() throws SQLException {
    sql("INSERT INTO rules VALUES ('views', 3, '{\"nodes\": 3}', NULL)");
    CepRunner remove = remove("views", "--only-version", "3");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains("removed rule views v3 from rules: "
        + "a job reading the table goes on running v2"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  @Test
  void theLastValidVersionRemovedOverABrokenOneStopsTheRule() throws SQLException {
    sql("DELETE FROM rules WHERE id = 'views' AND version = 1");
    sql("INSERT INTO rules VALUES ('views', 1, '{\"nodes\": 1}', NULL)");
    CepRunner remove = remove("views", "--only-version", "2");
    assertThat(remove.err(), remove.exitCode(), equalTo(0));
    assertThat(remove.out().lines().toList(), contains("removed rule views v2 from rules: "
        + "a job reading the table stops running it at its next poll"));
    assertThat(rows(), contains("carts v1", "views v1"));
  }

  /**
   * The table of two rules; a dry run of removing the highest version of views, then one of
   * removing every rule. Expected: each says what the removal would remove and what a job would
   * run then, as the removal itself says it, and the table keeps its three rows.
   */
  @Test
  void aRemovalDryRunSaysWhatTheRemovalWouldDoAndChangesNothing() {
    CepRunner rollback = remove("--dry-run", "views", "--only-version", "2");
    assertThat(rollback.err(), rollback.exitCode(), equalTo(0));
    assertThat(rollback.out().lines().toList(), contains("would remove rule views v2 from rules: "
        + "a job reading the table would run v1 from its next poll, afresh",
        "nothing removed (--dry-run)"));
    CepRunner everything = remove("--dry-run", "views", "carts");
    assertThat(everything.out().lines().toList(), contains(
        "would remove rule views v1, v2 from rules: a job reading the table would stop running "
            + "it at its next poll",
        "would remove rule carts v1 from rules: a job reading the table would stop running it "
            + "at its next poll",
        "nothing removed (--dry-run)"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
    CepRunner older = remove("--dry-run", "views", "--only-version", "1");
    assertThat(older.out().lines().toList(), contains("would remove rule views v1 from rules: "
        + "a job reading the table would go on running v2", "nothing removed (--dry-run)"));
  }

  /** A dry run naming a rule the table does not hold: refused as the removal is. */
  @Test
  void aRemovalDryRunOfARuleNotInTheTableIsRefusedAsTheRemovalIs() {
    CepRunner remove = remove("--dry-run", "checkout");
    assertThat(remove.exitCode(), equalTo(1));
    assertThat(remove.err(), containsString("rule checkout is not in rules in " + url
        + ": nothing removed"));
  }

  @Test
  void aRuleNotInTheTableRemovesNothing() {
    CepRunner remove = remove("views", "checkout");
    assertThat(remove.exitCode(), equalTo(1));
    assertThat(remove.err(), containsString("rule checkout is not in rules in " + url
        + ": nothing removed"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  @Test
  void aVersionNotInTheTableRemovesNothingAndNamesTheVersionsThere() {
    CepRunner remove = remove("views", "--only-version", "7");
    assertThat(remove.exitCode(), equalTo(1));
    assertThat(remove.err(), containsString("rule views has no version 7 in rules (it has v1, v2): "
        + "nothing removed"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  @Test
  void aVersionOfSeveralRulesIsAWrongFlag() {
    CepRunner remove = remove("views", "carts", "--only-version", "1");
    assertThat(remove.exitCode(), equalTo(2));
    assertThat(remove.err(), containsString("--only-version removes a version of one rule; 2 were "
        + "named"));
    assertThat(rows(), contains("carts v1", "views v1", "views v2"));
  }

  @Test
  void noRuleNamedIsAWrongFlag() {
    CepRunner remove = remove();
    assertThat(remove.exitCode(), equalTo(2));
    assertThat(remove.err(), containsString("Missing required parameter: 'ID'"));
  }

  private CepRunner remove(String... arguments) {
    List<String> command = new ArrayList<>(List.of("rules", "remove", "--jdbc", url, "--table",
        "rules", "--user", "sa"));
    command.addAll(List.of(arguments));
    return cep(command.toArray(String[]::new));
  }

  private CepRunner list() {
    return cep("rules", "list", "--jdbc", url, "--table", "rules", "--user", "sa");
  }

  private CepRunner push(ObjectNode... rows) throws IOException {
    return push(null, rows);
  }

  /** {@code rules push} of {@code rows} into the table, with {@code flag} when not null. */
  private CepRunner push(String flag, ObjectNode... rows) throws IOException {
    ArrayNode file = JSON.createArrayNode();
    for (ObjectNode row : rows) {
      file.add(row);
    }
    Path rules = Files.writeString(dir.resolve("rules-" + UUID.randomUUID() + ".json"),
        file.toString());
    List<String> command = new ArrayList<>(List.of("rules", "push", "--jdbc", url, "--table",
        "rules", "--user", "sa", rules.toString()));
    if (flag != null) {
      command.add(flag);
    }
    return cep(command.toArray(String[]::new));
  }

  /** Scenario {@code n}'s rule row under the id {@code id}. */
  private static ObjectNode scenarioRow(int n, String id) throws IOException {
    ObjectNode row = (ObjectNode) JSON.readTree(
        TESTDATA.resolve("scenario" + n + ".rules.json").toFile()).get(0);
    return row.put("id", id);
  }

  /** The table's rows as {@code id vN}, by id and version. */
  private List<String> rows() {
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        ResultSet result = db.createStatement()
            .executeQuery("SELECT id, version FROM rules ORDER BY id, version")) {
      while (result.next()) {
        rows.add(result.getString(1) + " v" + result.getInt(2));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  private void sql(String statement) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute(statement);
    }
  }
}

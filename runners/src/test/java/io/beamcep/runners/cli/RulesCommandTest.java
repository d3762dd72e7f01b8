package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.runners.CepRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cep rules validate | explain | push}: over files and an H2 rule table. */
class RulesCommandTest {

  static final Path TESTDATA = Path.of("..", "testdata");

  @TempDir Path dir;

  private static String h2() {
    return "jdbc:h2:mem:rules" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1";
  }

  /** Scenario 1's rule row with a text replaced, to make it wrong in one known spot. */
  private String scenario1With(String from, String to) throws IOException {
    String rules = Files.readString(TESTDATA.resolve("scenario1.rules.json"));
    assertThat("the fixture still holds " + from, rules, containsString(from));
    return rules.replaceFirst(java.util.regex.Pattern.quote(from), to);
  }

  @Test
  void everyScenarioFileIsValid() {
    for (int n = 1; n <= 5; n++) {
      CepRunner result =
          cep("rules", "validate", TESTDATA.resolve("scenario" + n + ".rules.json").toString());
      assertThat(result.err(), result.exitCode(), equalTo(0));
      assertThat(result.out(), containsString("1 rule(s) valid"));
    }
  }

  /**
   * Scenario 1's file with a byte order mark first, as Notepad and PowerShell 5 save UTF-8.
   * Expected: valid, and explained, as the file without it (before: not JSON at line 1, column 1).
   */
  @Test
  void aFileWithAByteOrderMarkIsReadAsWithout() throws IOException {
    Path original = TESTDATA.resolve("scenario1.rules.json");
    Path marked = Files.write(dir.resolve("marked.json"),
        ("\uFEFF" + Files.readString(original)).getBytes(StandardCharsets.UTF_8));

    CepRunner validated = cep("rules", "validate", marked.toString());
    assertThat(validated.err(), validated.exitCode(), equalTo(0));
    assertThat(validated.out(), containsString("1 rule(s) valid"));
    CepRunner explained = cep("rules", "explain", marked.toString());
    assertThat(explained.err(), explained.exitCode(), equalTo(0));
    assertThat(explained.out(), equalTo(cep("rules", "explain", original.toString()).out()));
  }

  @Test
  void everyBadRowGetsOneLineWithIdVersionPathAndReason() throws IOException {
    String badEdge = scenario1With("\"STRICT\"", "\"SOMETIMES\"");
    String badWindow =
        scenario1With("\"MINUTES\"", "\"FORTNIGHTS\"").replace("\"id\": \"1\"", "\"id\": \"2\"");
    Path file = dir.resolve("bad.json");
    // Two rows, each wrong in one place: both must be reported.
    Files.writeString(file, "[" + strip(badEdge) + "," + strip(badWindow) + "]");
    assertThat(problemLines(file), contains(
        problem("rule 1 v1 at $.pattern.edges[0]", "SOMETIMES"),
        problem("rule 2 v1 at $.pattern.window", "FORTNIGHTS")));
  }

  @Test
  void aRowWrongInSeveralPlacesGetsOneLinePerProblem() throws IOException {
    String twoBadValues = scenario1With("\"STRICT\"", "\"SOMETIMES\"")
        .replace("\"MINUTES\"", "\"FORTNIGHTS\"");
    Path file = Files.writeString(dir.resolve("twice-bad.json"), twoBadValues);
    assertThat(problemLines(file), contains(
        problem("rule 1 v1 at $.pattern.edges[0]", "SOMETIMES"),
        problem("rule 1 v1 at $.pattern.window", "FORTNIGHTS")));
  }

  /** What {@code cep rules validate} prints for a file it must refuse (exit 1). */
  private static List<String> problemLines(Path file) {
    CepRunner result = cep("rules", "validate", file.toString());
    assertThat(result.exitCode(), equalTo(1));
    return result.out().lines().toList();
  }

  private static Matcher<String> problem(String at, String reasonPart) {
    return allOf(startsWith(at), containsString(reasonPart));
  }

  @Test
  void aRuleWhoseAlertFunctionTheJobDoesNotKnowIsNotValid() throws IOException {
    // the job's rule source refuses such a row; validate, push and match refused nothing before
    String unknownFunction = scenario1With(
        "\"com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction\"",
        "\"com.example.Unknown\"");
    Path file = Files.writeString(dir.resolve("unknown-function.json"), unknownFunction);
    CepRunner validate = cep("rules", "validate", file.toString());
    assertThat(validate.exitCode(), equalTo(1));
    assertThat(validate.out().lines().toList(), hasSize(1));
    assertThat(validate.out(), allOf(startsWith("rule 1 v1 at $.function: "),
        containsString("unknown alert function 'com.example.Unknown'")));

    String url = h2();
    CepRunner push =
        cep("rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa", file.toString());
    assertThat(push.exitCode(), equalTo(1));
    assertThat(push.out(), containsString("nothing pushed"));

    CepRunner match = cep("match", "--rules", file.toString(), "--events",
        TESTDATA.resolve("scenario1.events.jsonl").toString());
    assertThat(match.exitCode(), equalTo(1));
    assertThat(match.err(), containsString("rule 1 v1 at $.function"));
  }

  private static String strip(String array) {
    String trimmed = array.trim();
    return trimmed.substring(1, trimmed.length() - 1);
  }

  @Test
  void missingFileAndBrokenJsonAreOneLineErrors() throws IOException {
    CepRunner missing = cep("rules", "validate", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode(), equalTo(1));
    assertThat(missing.err(), containsString("nope.json does not exist"));
    assertThat(missing.err().lines().count(), equalTo(1L));

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"id\": \"1\",\n \"version\": }]");
    CepRunner invalid = cep("rules", "validate", broken.toString());
    assertThat(invalid.exitCode(), equalTo(1));
    assertThat(invalid.err(), allOf(containsString("not valid JSON"), containsString("line 2")));
    assertThat(invalid.err().lines().count(), equalTo(1L));

    Path object = dir.resolve("object.json");
    Files.writeString(object, "{\"id\": \"1\"}");
    assertThat(
        cep("rules", "validate", object.toString()).err(),
        containsString("must hold a JSON array"));
  }

  @Test
  void unreachableDatabaseIsOneLineNamingTheUrl() {
    CepRunner result = cep("rules", "validate", "--jdbc", "jdbc:postgresql://127.0.0.1:1/none",
        "--table", "rules");
    assertThat(result.exitCode(), equalTo(1));
    assertThat(
        result.err(), containsString("cannot connect to jdbc:postgresql://127.0.0.1:1/none"));
    assertThat(result.err().lines().count(), equalTo(1L));
    assertThat(result.err(), not(containsString("\tat ")));
  }

  @Test
  void fileAndDatabaseTogetherOrNeitherIsAUsageError() {
    assertThat(cep("rules", "validate").exitCode(), equalTo(2));
    assertThat(
        cep("rules", "validate", "x.json", "--jdbc", "jdbc:h2:mem:x", "--table", "t").exitCode(),
        equalTo(2));
    assertThat(cep("rules", "explain", "x.json", "--format", "svg").exitCode(), equalTo(2));
  }

  @Test
  void pushCreatesTheTableThenBumpsTheVersionOfAnExistingId() {
    String url = h2();
    String file = TESTDATA.resolve("scenario2.rules.json").toString();
    CepRunner first =
        cep("rules", "push", "--jdbc", url, "--table", "rds_demo", "--user", "sa", file);
    assertThat(first.err(), first.exitCode(), equalTo(0));
    assertThat(first.out(), containsString("pushed rule 1 v1 into rds_demo"));
    // rule 1 of scenario 3 is another rule under the same id
    CepRunner changed = cep("rules", "push", "--jdbc", url, "--table", "rds_demo", "--user", "sa",
        TESTDATA.resolve("scenario3.rules.json").toString());
    assertThat(changed.out(), containsString("pushed rule 1 v2 into rds_demo"));

    CepRunner validate =
        cep("rules", "validate", "--jdbc", url, "--table", "rds_demo", "--user", "sa");
    assertThat(validate.err(), validate.exitCode(), equalTo(0));
    assertThat(validate.out(), containsString("2 rule(s) valid"));
  }

  @Test
  void pushingTheSameRuleAgainLeavesItsVersionSoARunningJobKeepsItsPartialMatches()
      throws Exception {
    String url = h2();
    String file = TESTDATA.resolve("scenario2.rules.json").toString();
    assertThat(cep("rules", "push", "--jdbc", url, "--table", "t", "--user", "sa", file)
        .exitCode(), equalTo(0));
    CepRunner again = cep("rules", "push", "--jdbc", url, "--table", "t", "--user", "sa", file);
    assertThat(again.err(), again.exitCode(), equalTo(0));
    assertThat(again.out(), containsString("rule 1 v1 in t is the same rule: not pushed"));

    // the same pattern laid out otherwise by another tool, as a JSON string: still the same rule
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      String pattern = new ObjectMapper().readTree(Path.of(file).toFile()).get(0)
          .get("pattern").toPrettyString();
      var insert = db.prepareStatement("INSERT INTO t VALUES ('1', 2, ?, "
          + "'com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction')");
      insert.setString(1, new ObjectMapper().writeValueAsString(pattern));
      insert.executeUpdate();
    }
    assertThat(cep("rules", "push", "--jdbc", url, "--table", "t", "--user", "sa", file).out(),
        containsString("rule 1 v2 in t is the same rule: not pushed"));

    CepRunner forced =
        cep("rules", "push", "--jdbc", url, "--table", "t", "--user", "sa", "--force", file);
    assertThat(forced.out(), containsString("pushed rule 1 v3 into t"));
  }

  @Test
  void pushOfAnInvalidFileInsertsNothing() throws IOException {
    String url = h2();
    Path file = dir.resolve("bad.json");
    Files.writeString(file, scenario1With("\"STRICT\"", "\"SOMETIMES\""));
    CepRunner push =
        cep("rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa", file.toString());
    assertThat(push.exitCode(), equalTo(1));
    assertThat(push.out(), containsString("nothing pushed"));
    CepRunner read = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user", "sa");
    assertThat(read.exitCode(), equalTo(1));
    assertThat(read.err(), containsString("cannot read table rules"));
  }

  @Test
  void badTableNameIsRefusedBeforeAnySql() {
    CepRunner result = cep("rules", "validate", "--jdbc", h2(), "--table", "rules; DROP TABLE x",
        "--user", "sa");
    assertThat(result.exitCode(), equalTo(1));
    assertThat(result.err(), containsString("table name 'rules; DROP TABLE x'"));
  }

  @Test
  void explainOfATableShowsTheRulesAJobRunsAndNamesTheRefusedRows() throws Exception {
    // rule 1: v1 valid, v2 (written by hand, bypassing push) refused: the job runs v1
    String url = h2();
    CepRunner push = cep("rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa",
        TESTDATA.resolve("scenario1.rules.json").toString());
    assertThat(push.err(), push.exitCode(), equalTo(0));
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute("INSERT INTO rules VALUES ('1', 2, '{\"nodes\": 5}', "
          + "'com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction')");
    }
    CepRunner explain =
        cep("rules", "explain", "--jdbc", url, "--table", "rules", "--user", "sa");
    assertThat(explain.err(), explain.exitCode(), equalTo(0));
    assertThat(explain.out(), allOf(startsWith("rule 1 v1, within PT5M, after match NO_SKIP\n"),
        containsString("TAKE -> second_view")));
    assertThat(explain.err().lines().toList(), contains(
        startsWith("not active: rule 1 v2 at $.pattern.nodes: ")));
  }

  @Test
  void validateAsAJobChecksOnlyWhatAJobReadingTheTableWouldUse() throws Exception {
    // rule 1: v1 broken (older, a job never reads it), v2 valid and active, v3 broken (refused)
    String url = h2();
    assertThat(cep("rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa",
        TESTDATA.resolve("scenario1.rules.json").toString()).exitCode(), equalTo(0));
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute("UPDATE rules SET version = 2");
      db.createStatement().execute("INSERT INTO rules VALUES ('1', 1, '{\"nodes\": 1}', NULL)");
      db.createStatement().execute("INSERT INTO rules VALUES ('1', 3, '{\"nodes\": 3}', NULL)");
    }
    CepRunner all = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user", "sa");
    assertThat(all.exitCode(), equalTo(1));
    assertThat(all.out().lines().toList(), contains(startsWith("rule 1 v1 at $.pattern.nodes"),
        startsWith("rule 1 v3 at $.pattern.nodes")));

    CepRunner asJob = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user",
        "sa", "--as-job");
    assertThat(asJob.exitCode(), equalTo(1));
    assertThat(asJob.out().lines().toList(), contains(startsWith("rule 1 v3 at $.pattern.nodes"),
        equalTo("1 rule(s) active")));

    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      db.createStatement().execute("DELETE FROM rules WHERE version = 3");
    }
    CepRunner fixed = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user",
        "sa", "--as-job");
    assertThat(fixed.err(), fixed.exitCode(), equalTo(0));
    assertThat(fixed.out(), equalTo("1 rule(s) active\n"));
    assertThat(cep("rules", "validate", "x.json", "--as-job").exitCode(), equalTo(2));
  }

  /** Rows with NULL in id or pattern are reported as the job reports them, not lost. */
  @Test
  void rowsWithNullIdOrPatternAreReportedByValidate() throws Exception {
    String url = h2();
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      // a table of the user's own, whose columns allow NULL
      db.createStatement().execute("CREATE TABLE rules (id VARCHAR(64), version INT, "
          + "pattern VARCHAR(4000), \"function\" VARCHAR(255))");
      db.createStatement().execute("INSERT INTO rules VALUES ('2', 1, NULL, NULL)");
      db.createStatement().execute("INSERT INTO rules VALUES (NULL, 1, '{}', NULL)");
    }
    assertThat(cep("rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa",
        TESTDATA.resolve("scenario1.rules.json").toString()).exitCode(), equalTo(0));
    CepRunner all = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user", "sa");
    assertThat(all.err(), all.exitCode(), equalTo(1));
    assertThat(all.out().lines().toList(), hasSize(2));
    assertThat(all.out(), containsString("rule 2 v1 at $.pattern"));

    CepRunner asJob = cep("rules", "validate", "--jdbc", url, "--table", "rules", "--user",
        "sa", "--as-job");
    assertThat(asJob.err(), asJob.exitCode(), equalTo(1));
    assertThat(asJob.out().lines().toList(), hasSize(3));
    assertThat(asJob.out(), containsString("rule 2 v1 at $.pattern"));
    assertThat(asJob.out(), endsWith("1 rule(s) active\n"));
  }

  @Test
  void explainPrintsStatesTransitionsAndWindowInEachFormat() throws IOException {
    String file = TESTDATA.resolve("scenario1.rules.json").toString();
    CepRunner text = cep("rules", "explain", file);
    assertThat(text.err(), text.exitCode(), equalTo(0));
    assertThat(text.out(), allOf(startsWith("rule 1 v1, within PT5M, after match NO_SKIP\n"),
        containsString("state first_view"), containsString("TAKE -> second_view")));
    ObjectNode row = (ObjectNode) new ObjectMapper().readTree(Path.of(file).toFile()).get(0);
    ((ObjectNode) row.get("pattern").get("afterMatchStrategy"))
        .put("type", "SKIP_TO_FIRST").put("patternName", "second_view");
    Path skipToFirst = Files.writeString(dir.resolve("skip.json"), "[" + row + "]");
    assertThat(cep("rules", "explain", skipToFirst.toString()).out(),
        startsWith("rule 1 v1, within PT5M, after match SKIP_TO_FIRST second_view\n"));
    CepRunner dot = cep("rules", "explain", "--format", "dot", file);
    assertThat(dot.out(), allOf(startsWith("digraph \"rule 1 v1\""),
        containsString("\"first_view\" -> \"second_view\""), containsString("doublecircle")));
    CepRunner mermaid = cep("rules", "explain", "--format", "mermaid", file);
    assertThat(mermaid.out(), allOf(containsString("stateDiagram-v2"),
        containsString("[*] --> s_first_view"), containsString("s_first_view --> s_second_view")));
  }
}

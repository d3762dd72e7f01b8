package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.runners.CepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule per file, as a repository of rules keeps them: {@code rules validate}, {@code explain}
 * and {@code push} take several files. Each case: the files, the command, what it says, and what
 * the table holds after it.
 */
class SeveralRuleFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final String url = "jdbc:h2:mem:files" + UUID.randomUUID().toString().replace("-", "")
      + ";DB_CLOSE_DELAY=-1";

  /** Scenario {@code n}'s rule row under the id {@code id}, alone in the file {@code name}. */
  private Path ruleFile(String name, int n, String id) throws IOException {
    ObjectNode row = (ObjectNode) JSON.readTree(RulesCommandTest.TESTDATA
        .resolve("scenario" + n + ".rules.json").toFile()).get(0);
    return Files.writeString(dir.resolve(name), "[" + row.put("id", id) + "]");
  }

  private Path broken(String name) throws IOException {
    return Files.writeString(dir.resolve(name),
        "[{\"id\": \"broken\", \"version\": 1, \"pattern\": {\"name\": \"a\", \"nodes\": []}}]");
  }

  private CepRunner push(Path... files) {
    String[] command = {"rules", "push", "--jdbc", url, "--table", "rules", "--user", "sa"};
    String[] all = java.util.Arrays.copyOf(command, command.length + files.length);
    for (int i = 0; i < files.length; i++) {
      all[command.length + i] = files[i].toString();
    }
    return cep(all);
  }

  private CepRunner list() {
    return cep("rules", "list", "--jdbc", url, "--table", "rules", "--user", "sa");
  }

  @Test
  void validateChecksEveryFileAndNamesTheFileOfEachProblem() throws IOException {
    Path views = ruleFile("views.json", 1, "views");
    Path carts = ruleFile("carts.json", 2, "carts");
    Path broken = broken("broken.json");

    CepRunner good = cep("rules", "validate", views.toString(), carts.toString());
    CepRunner bad = cep("rules", "validate", views.toString(), broken.toString(),
        carts.toString());

    assertThat(good.err(), good.exitCode(), equalTo(0));
    assertThat(good.out(), equalTo("2 rule(s) valid\n"));
    assertThat(bad.exitCode(), equalTo(1));
    assertThat(bad.out().lines().toList(), contains(broken + ": rule broken v1 at "
        + "$.pattern.nodes: a pattern needs at least one node"));
  }

  @Test
  void explainPrintsTheRulesOfEveryFile() throws IOException {
    CepRunner explain = cep("rules", "explain", ruleFile("views.json", 1, "views").toString(),
        ruleFile("carts.json", 2, "carts").toString());

    assertThat(explain.err(), explain.exitCode(), equalTo(0));
    assertThat(explain.out(), containsString("rule views v1"));
    assertThat(explain.out(), containsString("rule carts v1"));
  }

  @Test
  void pushInsertsTheRowsOfEveryFileInOneGo() throws IOException {
    CepRunner push = push(ruleFile("views.json", 1, "views"), ruleFile("carts.json", 2, "carts"));

    assertThat(push.err(), push.exitCode(), equalTo(0));
    assertThat(push.out().lines().toList(),
        contains("pushed rule views v1 into rules", "pushed rule carts v1 into rules"));
    assertThat(list().out().lines().toList(), contains("rule carts: v1 active; held: v1",
        "rule views: v1 active; held: v1", "2 rule(s), 2 active"));
  }

  /** One bad file among good ones: nothing is pushed, so no table is made either. */
  @Test
  void aBadFilePushesNothing() throws IOException {
    Path broken = broken("broken.json");

    CepRunner push = push(ruleFile("views.json", 1, "views"), broken);

    assertThat(push.exitCode(), equalTo(1));
    assertThat(push.out().lines().toList(), contains(broken + ": rule broken v1 at "
        + "$.pattern.nodes: a pattern needs at least one node", "nothing pushed"));
    assertThat(list().err(), containsString("there is no such table"));
  }

  /**
   * Two files giving one id, each thinking it is the rule: pushed together, one would become the
   * newer version of the other and hide it. Refused, naming both files; nothing is pushed.
   */
  @Test
  void anIdGivenByTwoFilesIsRefused() throws IOException {
    Path views = ruleFile("views.json", 1, "views");
    Path alsoViews = ruleFile("also-views.json", 3, "views");

    CepRunner validate = cep("rules", "validate", views.toString(), alsoViews.toString());
    CepRunner push = push(views, alsoViews);

    assertThat(validate.exitCode(), equalTo(1));
    String problem = alsoViews + ": rule views is also in " + views + ": one id is one rule, and a "
        + "push would make one file's row a newer version of the other's";
    assertThat(validate.out().lines().toList(), contains(problem));
    assertThat(push.exitCode(), equalTo(1));
    assertThat(push.out().lines().toList(), contains(problem, "nothing pushed"));
  }
}

package io.beamcep.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.runners.FileTrees;
import io.beamcep.runners.rules.RuleDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default of {@code cep run}: nothing to install, and every real path is used. The
 * five scenarios' rules go into an H2 table that the job polls over JDBC (ids made distinct, "1"
 * to "5", or only the highest version of id "1" would be active); the scenarios' click events and
 * a small synthetic stream are replayed in event time on an embedded Flink; alerts are printed in
 * the reference's text. Each event gets a {@code scenario} field that is part of the key, so every
 * scenario's users keep their own key space, as in the reference's five separate jobs.
 */
final class EmbeddedDemo {
  private EmbeddedDemo() {}

  static final int SCENARIOS = 5;
  static final int SYNTHETIC_EVENTS = 300;
  private static final ObjectMapper JSON =
      new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  static int run(picocli.CommandLine cli) throws Exception {
    PrintWriter err = cli.getErr();
    Path work = Files.createTempDirectory("cep-demo");
    String url = "jdbc:h2:mem:cep_demo_" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1";
    // Held open for the job's lifetime: the in-memory database lives as long as a connection does.
    try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
      try (RuleDatabase rules = RuleDatabase.open(url, "sa", "", "rds_demo")) {
        rules.push(scenarioRules(), false);
      }
      Path events = work.resolve("events.jsonl");
      long count = writeEvents(events);
      err.println("cep run: " + SCENARIOS + " rules in H2 table rds_demo (" + url + ", read over "
          + "JDBC); replaying " + count + " events (" + SYNTHETIC_EVENTS + " synthetic) from "
          + events + " on an embedded Flink, in event time. Alerts follow.");
      err.flush();
      List<String> args = List.of(
          "--runner=FlinkRunner",
          "--streaming=true",
          "--source=file",
          "--inputFile=" + events,
          "--keyFields=scenario,userId",
          "--usingEventTime=true",
          "--jdbcUrl=" + url,
          "--jdbcUser=sa",
          "--jdbcPassword=",
          "--tableName=rds_demo",
          "--jdbcIntervalMs=1000",
          "--sinks=stdout,jsonl",
          "--outputFile=" + work.resolve("alerts"),
          "--parallelism=1");
      PipelineLauncher.runToEnd(cli, PipelineLauncher.options(cli, args));
      summarize(work.resolve("alerts.jsonl"), cli.getOut());
      return 0;
    } finally {
      FileTrees.delete(work); // the alerts were printed; a demo leaves nothing behind
    }
  }

  /**
   * The alerts above are many (every rule also matches the other scenarios' and the synthetic
   * events); the summary says which ones are each scenario's own, the reference's expected ones.
   */
  static void summarize(Path alerts, PrintWriter out) throws IOException {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    int total = 0;
    if (Files.exists(alerts)) {
      for (String line : Files.readAllLines(alerts, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode alert = JSON.readTree(line);
        JsonNode first = alert.path("events").elements().next().get(0);
        counts.merge("rule " + alert.path("ruleId").asText() + " over "
            + first.path("scenario").asText(), 1, Integer::sum);
        total++;
      }
    }
    out.println();
    out.println("---- " + total + " alerts. Rule N is scenario N's rule; each also alerts on the "
        + "other scenarios' and the synthetic events:");
    counts.forEach((what, n) -> out.println("  " + what + ": " + n));
    out.flush();
  }

  /** Scenario N's rule row with id "N". */
  static List<RuleRow> scenarioRules() {
    List<RuleRow> rows = new ArrayList<>();
    for (int n = 1; n <= SCENARIOS; n++) {
      JsonNode row = resource("scenario" + n + ".rules.json").get(0);
      rows.add(new RuleRow(String.valueOf(n), row.path("version").asInt(1),
          row.get("pattern").toString(), row.path("function").asText(null)));
    }
    return rows;
  }

  static long writeEvents(Path file) throws IOException {
    long count = 0;
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int n = 1; n <= SCENARIOS; n++) {
        for (String line : resourceText("scenario" + n + ".events.jsonl").split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          writer.write(withScenario(line, "scenario" + n));
          writer.newLine();
          count++;
        }
      }
      StringWriter synthetic = new StringWriter();
      ClickStreamGenerator.builder().seed(42).users(50).events(SYNTHETIC_EVENTS)
          .start(Instant.parse("2020-01-01T00:00:00Z")).build().writeJsonLines(synthetic);
      for (String line : synthetic.toString().split("\n")) {
        if (!line.isBlank()) {
          writer.write(withScenario(line, "synthetic"));
          writer.newLine();
          count++;
        }
      }
    }
    return count;
  }

  private static String withScenario(String line, String scenario) throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(line);
    ObjectNode tagged = JSON.createObjectNode();
    tagged.put("scenario", scenario);
    tagged.setAll(event);
    return JSON.writeValueAsString(tagged);
  }

  private static JsonNode resource(String name) {
    try {
      return JSON.readTree(resourceText(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resourceText(String name) {
    try (InputStream in = EmbeddedDemo.class.getResourceAsStream("/testdata/" + name)) {
      if (in == null) {
        throw new IllegalStateException("testdata/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

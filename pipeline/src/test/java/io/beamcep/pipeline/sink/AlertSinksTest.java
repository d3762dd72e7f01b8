package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.alert.AlertJson;
import io.beamcep.pipeline.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Alerts / a sink / what lands there, in the one alert schema. */
class AlertSinksTest {
  private static final List<Alert> ALERTS =
      List.of(
          TestAlerts.viewPair("u1", 1, 1577836860000L),
          TestAlerts.viewPair("u2", 5, 1577836900000L));

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theJdbcSinkCreatesTheTableAndWritesOneRowPerAlert(Databases db) throws Exception {
    String table = "match_results_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(ALERTS).withCoder(AlertCoder.of()))
        .apply(JdbcAlerts.to(db.url(), db.user(), db.password(), table));
    pipeline.run().waitUntilFinish();

    List<String> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery(
            "SELECT rule_id, rule_version, alert_key, kind, detected_at, first_event_time,"
                + " last_event_time, events_json FROM " + table)) {
      while (result.next()) {
        rows.add(String.join("|", result.getString(1), result.getString(2), result.getString(3),
            result.getString(4), result.getString(5), result.getString(6), result.getString(7),
            result.getString(8)));
      }
    } finally {
      db.execute("DROP TABLE IF EXISTS " + table);
    }
    assertThat(rows, containsInAnyOrder(
        "1|1|u1|MATCH|1577836863000|1577836860000|1577836863000|"
            + AlertJson.toJson(ALERTS.get(0)),
        "1|1|u2|MATCH|1577836903000|1577836900000|1577836903000|"
            + AlertJson.toJson(ALERTS.get(1))));
  }

  @Test
  void theJsonLinesSinkWritesOneJsonAlertPerLineInOneFileForABoundedRun(@TempDir Path dir)
      throws Exception {
    String prefix = dir.resolve("alerts").toString();
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(ALERTS).withCoder(AlertCoder.of())).apply(JsonLinesAlerts.to(prefix));
    pipeline.run().waitUntilFinish();

    List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
    assertThat(
        lines,
        containsInAnyOrder(AlertJson.toJson(ALERTS.get(0)), AlertJson.toJson(ALERTS.get(1))));
  }

  @Test
  void aResultTableNameThatIsNotAnIdentifierIsRefused() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> JdbcAlerts.to("jdbc:h2:mem:x", "sa", "", "results; DROP TABLE rules"));
    assertThat(e.getMessage(), containsString("not a plain identifier"));
  }
}

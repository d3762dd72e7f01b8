package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.testing.Databases;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The jdbc sink writes an alert once however often it is given it (a retried bundle, alerts made
 * again after a restore), on each database; a table made before its key column still gets every
 * alert.
 */
class JdbcAlertsOnceTest {
  private static final Alert U1 = TestAlerts.viewPair("u1", 1, 1577836860000L);
  private static final Alert U2 = TestAlerts.viewPair("u2", 5, 1577836900000L);

  private static void write(Databases db, String table, List<Alert> alerts) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(alerts).withCoder(AlertCoder.of()))
        .apply(JdbcAlerts.to(db.url(), db.user(), db.password(), table));
    pipeline.run().waitUntilFinish();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void anAlertWrittenAgainIsNotASecondRow(Databases db) throws Exception {
    String table = TestAlerts.freshTable();
    try {
      write(db, table, List.of(U1, U2));
      // again, as after a restore: u1 detected later (processing time), and one alert new
      Alert u1Again = new Alert(U1.ruleId(), U1.ruleVersion(), U1.function(), U1.key(),
          U1.kind(), U1.detectedAt() + 60_000, U1.firstEventTime(), U1.lastEventTime(),
          U1.events());
      Alert u3 = TestAlerts.viewPair("u3", 9, 1577836990000L);
      write(db, table, List.of(u1Again, U2, U2, u3));
      assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2", "u3"));
    } finally {
      db.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aTableMadeBeforeTheKeyColumnStillGetsEveryAlert(Databases db) throws Exception {
    String table = TestAlerts.freshTable();
    try {
      db.execute("CREATE TABLE " + table + " (rule_id VARCHAR(255) NOT NULL, "
          + "rule_version INT NOT NULL, alert_key VARCHAR(1024) NOT NULL, kind VARCHAR(16) NOT "
          + "NULL, detected_at BIGINT NOT NULL, first_event_time BIGINT NOT NULL, "
          + "last_event_time BIGINT NOT NULL, events_json TEXT NOT NULL)");
      write(db, table, List.of(U1, U2));
      assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2"));
    } finally {
      db.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void anAlertsIdIsWhatItFoundNotWhenItWasFound() {
    Alert later = new Alert(U1.ruleId(), U1.ruleVersion(), U1.function(), U1.key(), U1.kind(),
        U1.detectedAt() + 1, U1.firstEventTime(), U1.lastEventTime(), U1.events());
    Alert timeout = new Alert(U1.ruleId(), U1.ruleVersion(), U1.function(), U1.key(),
        Alert.Kind.TIMEOUT, U1.detectedAt(), U1.firstEventTime(), U1.lastEventTime(),
        U1.events());
    Alert otherVersion = new Alert(U1.ruleId(), 2, U1.function(), U1.key(), U1.kind(),
        U1.detectedAt(), U1.firstEventTime(), U1.lastEventTime(), U1.events());
    assertThat(JdbcAlerts.alertId(later), is(JdbcAlerts.alertId(U1)));
    assertThat(JdbcAlerts.alertId(timeout), not(JdbcAlerts.alertId(U1)));
    assertThat(JdbcAlerts.alertId(otherVersion), not(JdbcAlerts.alertId(U1)));
    assertThat(JdbcAlerts.alertId(U2), not(JdbcAlerts.alertId(U1)));
    assertThat(JdbcAlerts.alertId(U1).length(), is(64));
  }

  @Test
  void aDatabaseWhoseWordsForInsertIfAbsentAreUnknownGetsTheIdButNoKey() {
    // with a key, an alert written again would fail its bundle on the key, retried forever
    assertThat(JdbcAlerts.createTableSql("jdbc:sqlserver://db", "t").contains("PRIMARY KEY"),
        is(false));
    assertThat(JdbcAlerts.insertSql("jdbc:sqlserver://db", "t", true), is("INSERT INTO t "
        + "(alert_id, rule_id, rule_version, alert_key, kind, detected_at, first_event_time, "
        + "last_event_time, events_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    assertThat(JdbcAlerts.createTableSql("jdbc:postgresql://db/x", "t")
        .contains("alert_id CHAR(64) NOT NULL PRIMARY KEY"), is(true));
  }
}

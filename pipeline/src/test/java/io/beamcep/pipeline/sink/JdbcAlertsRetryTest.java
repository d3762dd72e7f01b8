package io.beamcep.pipeline.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.alert.AlertCoder;
import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.FaultyTcpProxy;
import io.beamcep.pipeline.testing.FaultyTcpProxy.When;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The jdbc sink tries a failed batch again, on a new connection when the old one is gone, as
 * Flink's JdbcSink does: alerts / a connection to the real database broken by a proxy in front of
 * it / the rows the table holds afterwards.
 */
class JdbcAlertsRetryTest {
  private static final List<Alert> ALERTS = List.of(TestAlerts.viewPair("u1", 1, 1577836860000L),
      TestAlerts.viewPair("u2", 5, 1577836900000L), TestAlerts.viewPair("u3", 9, 1577836990000L));

  private final String table = TestAlerts.freshTable();
  private Databases db;
  private FaultyTcpProxy proxy;

  private FaultyTcpProxy proxyTo(Databases database) throws Exception {
    db = database;
    proxy = FaultyTcpProxy.to("127.0.0.1", database.port());
    return proxy;
  }

  @AfterEach
  void dropTableAndProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (db != null) {
      db.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  private void write(JdbcAlerts sink) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(ALERTS).withCoder(AlertCoder.of())).apply(sink);
    pipeline.run().waitUntilFinish();
  }

  private JdbcAlerts sinkThroughProxy() {
    return JdbcAlerts.to(db.urlThroughPort(proxy.port()), db.user(), db.password(), table);
  }

  /**
   * The connection breaks as the batch's insert is sent (the database never sees it). Expected:
   * the batch is written on a new connection, each alert once.
   */
  @ParameterizedTest
  @EnumSource(value = Databases.class, names = {"MARIADB", "POSTGRESQL"})
  void aBatchWhoseConnectionBrokeIsWrittenOnANewOne(Databases database) throws Exception {
    proxyTo(database).cutWhenClientSends("INSERT INTO " + table, When.INSTEAD_OF_FORWARDING, 0);

    write(sinkThroughProxy());

    assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2", "u3"));
    assertThat(proxy.cuts(), is(1));
    assertThat(proxy.connections(), greaterThanOrEqualTo(2));
  }

  /**
   * The connection breaks right after the commit is sent, so the sink cannot know whether it was
   * committed: PostgreSQL commits it, MariaDB rolls it back (measured on a table without the
   * alert_id key: 4 rows of 3 alerts, and 3). Expected: the retry adds no second row.
   */
  @ParameterizedTest
  @EnumSource(value = Databases.class, names = {"MARIADB", "POSTGRESQL"})
  void aCommitWhoseAnswerWasLostMakesNoSecondRow(Databases database) throws Exception {
    proxyTo(database).cutWhenClientSends("COMMIT", When.AFTER_FORWARDING, 0);

    write(sinkThroughProxy());

    assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2", "u3"));
    assertThat(proxy.cuts(), is(1));
  }

  /**
   * The connection breaks and the database refuses the first new one (a restart). Expected: the
   * next attempt, a second later, connects and writes every alert once.
   */
  @ParameterizedTest
  @EnumSource(value = Databases.class, names = {"MARIADB", "POSTGRESQL"})
  void aDatabaseBackWithinTheRetriesLosesNothing(Databases database) throws Exception {
    proxyTo(database).cutWhenClientSends("INSERT INTO " + table, When.INSTEAD_OF_FORWARDING, 1);

    write(sinkThroughProxy());

    assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2", "u3"));
    assertThat(proxy.refused(), is(1));
  }

  /**
   * The database refuses the writer's first connection, as when a job restarts while its
   * database is still away. Expected: the batch's next attempt connects and writes every alert.
   */
  @ParameterizedTest
  @EnumSource(value = Databases.class, names = {"MARIADB", "POSTGRESQL"})
  void aDatabaseAwayWhenTheWriterStartsIsWaitedFor(Databases database) throws Exception {
    proxyTo(database).refuseNext(1);

    write(sinkThroughProxy());

    assertThat(TestAlerts.keysIn(db, table), containsInAnyOrder("u1", "u2", "u3"));
    assertThat(proxy.refused(), is(1));
  }

  /**
   * The database stays away longer than one retry allows ({@code --jdbcSinkMaxRetries=1}).
   * Expected: the job fails naming the table, the attempts and the option.
   */
  @ParameterizedTest
  @EnumSource(value = Databases.class, names = {"MARIADB", "POSTGRESQL"})
  void aDatabaseGoneLongerThanTheRetriesFailsTheJobNamingWhy(Databases database)
      throws Exception {
    proxyTo(database).cutWhenClientSends("INSERT INTO " + table, When.INSTEAD_OF_FORWARDING, 5);

    Exception failed =
        assertThrows(Exception.class, () -> write(sinkThroughProxy().withMaxRetries(1)));

    // the runner may give the sink the alerts in several bundles: the first that fails says
    assertThat(failed.getMessage(), containsString("alert(s) to table " + table + " at "
        + db.urlThroughPort(proxy.port()) + " in 2 attempt(s) (--jdbcSinkMaxRetries=1): "));
    assertThat(proxy.refused(), is(1));
  }
}

package io.beamcep.pipeline.rules;

import static io.beamcep.pipeline.rules.RulePatterns.DANGLING_EDGE;
import static io.beamcep.pipeline.rules.RulePatterns.FUNCTION;
import static io.beamcep.pipeline.rules.RulePatterns.GOOD;
import static io.beamcep.pipeline.rules.RulePatterns.OTHER_GOOD;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.testing.Databases;
import io.beamcep.pipeline.testing.Databases.RuleTableFixture;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules a matcher's timers read themselves when no element has brought the side input yet:
 * the rows the rule source would make active, read from where it reads them, after the source has
 * travelled inside the matcher DoFn (serialized).
 */
class RuleSourceTest {

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aTableSourceReadsTheRowsItsPollerWouldMakeActive(Databases db) throws Exception {
    try (RuleTableFixture table = db.newRuleTable("timer_rules")) {
      table.insert("a", 1, GOOD, FUNCTION)
          .insert("a", 2, DANGLING_EDGE, FUNCTION) // refused: a stays at version 1
          .insert("b", 1, GOOD, FUNCTION)
          .insert("b", 2, OTHER_GOOD, FUNCTION);
      RuleSource source = SerializableUtils.clone(
          RuleSource.table(table.source(), RuleValidator.engine(), Duration.standardSeconds(3)));

      RuleSet rules = source.read();
      assertThat("rules it read go stale after the poll interval", source.staleAfterMillis(),
          is(3000L));

      assertThat(rules.rows(), contains(
          new RuleRow("a", 1, GOOD, FUNCTION), new RuleRow("b", 2, OTHER_GOOD, FUNCTION)));
      assertThat("not a generation the poller announced", rules.generation(), is(0L));
      table.delete("b", 2);
      assertThat("read anew at each call", source.read().rows(), contains(
          new RuleRow("a", 1, GOOD, FUNCTION), new RuleRow("b", 1, GOOD, FUNCTION)));
    }
  }

  @Test
  void anUnreachableDatabaseFailsTheReadAndItsTextKeepsThePasswordOut() {
    RuleSource source = RuleSource.table(
        RuleTable.of("jdbc:mariadb://127.0.0.1:1/none", "cep", "s3cret", "rules"),
        RuleValidator.engine(), Duration.standardSeconds(3));

    assertThrows(SQLException.class, source::read);
    assertThat(source.toString(), containsString("rules at jdbc:mariadb://127.0.0.1:1/none"));
    assertThat(source.toString(), not(containsString("s3cret")));
  }

  @Test
  void staticRulesGiveTheirActiveRowsToTimers() throws Exception {
    StaticRules rules = StaticRules.of(List.of(
        new RuleRow("a", 1, GOOD, FUNCTION), new RuleRow("a", 2, DANGLING_EDGE, FUNCTION)));
    RuleSource source =
        SerializableUtils.clone(Pipeline.create().apply(rules).forTimers());

    assertThat(source.read().rows(), contains(new RuleRow("a", 1, GOOD, FUNCTION)));
    assertThat("a file's rules never change", source.staleAfterMillis(), is(Long.MAX_VALUE));
  }
}

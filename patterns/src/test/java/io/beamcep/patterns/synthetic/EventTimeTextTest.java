package io.beamcep.patterns.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** eventTime text: the seed's UTC format, written as java.sql.Timestamp#toString writes it. */
class EventTimeTextTest {
  private final EventTimeText text = new EventTimeText();

  private String format(String instant) {
    return text.format(Instant.parse(instant).toEpochMilli());
  }

  @Test
  void wholeSecondsEndInDotZero() {
    assertThat(format("1970-01-01T00:00:00Z"), equalTo("1970-01-01 00:00:00.0"));
    assertThat(format("2020-01-01T00:01:00Z"), equalTo("2020-01-01 00:01:00.0"));
  }

  @Test
  void millisecondsDropTrailingZeros() {
    assertThat(format("2020-01-01T03:01:02.500Z"), equalTo("2020-01-01 03:01:02.5"));
    assertThat(format("2020-01-01T03:01:02.120Z"), equalTo("2020-01-01 03:01:02.12"));
    assertThat(format("2020-01-01T03:01:02.007Z"), equalTo("2020-01-01 03:01:02.007"));
  }

  @Test
  void daysMonthsYearsAndLeapDaysRollOver() {
    assertThat(format("2020-02-28T23:59:59.999Z"), equalTo("2020-02-28 23:59:59.999"));
    assertThat(format("2020-02-29T00:00:00Z"), equalTo("2020-02-29 00:00:00.0"));
    assertThat(format("2020-12-31T23:59:59.999Z"), equalTo("2020-12-31 23:59:59.999"));
    assertThat(format("2021-01-01T00:00:00.010Z"), equalTo("2021-01-01 00:00:00.01"));
  }

  @Test
  void aStreamAcrossMidnightKeepsTextAndTimestampEqual() {
    ClickStreamGenerator generator = ClickStreamGenerator.builder()
        .start(Instant.parse("2020-12-31T23:59:50Z")).eventsPerSecond(50).events(2_000).build();
    for (TimedEvent event : generator) {
      assertThat(ClickStreamGeneratorTest.parseEventTime(event.event().getString("eventTime")),
          equalTo(event.timestamp()));
    }
  }
}

package io.beamcep.runners.bench.latency;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.beamcep.runners.bench.BenchRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which event an alert's latency is measured from. */
class MeasuredFromTest {

  @Test
  void onlyTheSeedRuleEndingWithNotNextIsDecidedByTheNextEvent() {
    // Rule 5: ten or more views, NOT_NEXT purchase. Rules 1-4 complete with their last event.
    assertThat(LatencyBench.decidedByNextEvent(BenchRules.rows(5)), is(Set.of("5")));
    assertThat(LatencyBench.decidedByNextEvent(BenchRules.rows(10)), is(Set.of("5", "10")));
  }

  @Test
  void theNextEventOfAKeyIsTheNextOneSentWithThatKey() {
    SendTimes times = new SendTimes(10);
    times.record(1, "u", 100);
    times.record(2, "v", 200);
    times.record(3, "u", 300);
    times.record(4, "u", 400);
    assertThat(times.nextOfSameKey(1), is(3L));
    assertThat(times.nextOfSameKey(3), is(4L));
    assertThat(times.nextOfSameKey(2), is(0L)); // v sent nothing after 2
    assertThat(times.nextOfSameKey(4), is(0L));
    assertThat(times.nextOfSameKey(99), is(0L));
    assertThat(times.sentNanos(times.nextOfSameKey(1)), is(300L));
  }
}

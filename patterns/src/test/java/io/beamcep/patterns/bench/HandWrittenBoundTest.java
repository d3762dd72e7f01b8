package io.beamcep.patterns.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written bound claims what the engine does with the seed rules, only faster; its figure
 * means something only while it finds exactly the engine's matches, rule by rule. Streams of other
 * seeds and sizes than the benchmark's, from few users (long histories per key, many partial
 * matches) to many.
 */
class HandWrittenBoundTest {

  @ParameterizedTest(name = "seed {0}, {1} events, {2} users")
  @CsvSource({"1, 200000, 300", "7, 200000, 2000", "99, 200000, 20000", "2026, 50000, 40"})
  void findsTheEnginesMatchesRuleByRule(long seed, long events, int users) {
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(seed).events(events).users(users).build();

    long[] engine = HandWrittenBound.enginesMatchesPerRule(stream);
    long[] known = HandWrittenBound.matchesPerRule(stream, false);
    long[] stepped = HandWrittenBound.matchesPerRule(stream, true);
    long[] asObjects = HandWrittenBound.matchesPerRuleAsObjects(stream);

    assertThat(Arrays.toString(known), equalTo(Arrays.toString(engine)));
    assertThat(Arrays.toString(stepped), equalTo(Arrays.toString(engine)));
    assertThat(Arrays.toString(asObjects), equalTo(Arrays.toString(engine)));
    for (long matches : engine) {
      assertThat("every rule matches something, or the comparison proves little", matches,
          greaterThan(0L));
    }
  }
}

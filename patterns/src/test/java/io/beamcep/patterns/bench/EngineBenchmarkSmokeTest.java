package io.beamcep.patterns.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.beamcep.patterns.engine.KeyState;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark body working in CI: one pass over 10,000 events, checked for plausible
 * output. Not timed: speed is measured by patterns/bench.sh only.
 */
class EngineBenchmarkSmokeTest {

  @Test
  void onePassOverTheSeedRulesProducesMatchesAndMeasurableState() {
    EngineWorkload workload = EngineWorkload.seedRules(10_000, 2_000, 42);

    EngineWorkload.Result result = workload.run();

    assertThat(result.events(), equalTo(10_000L));
    assertThat(result.matches(), greaterThan(0L));
    EngineWorkload.StateSummary state = result.stateSummary();
    assertThat(state.keysSeen(), greaterThan(100L));
    assertThat((long) state.keysWithState(), lessThanOrEqualTo(state.keysSeen()));
    assertThat(state.keysWithPartialMatches(), greaterThan(0));
    assertThat(state.bytesPerKeyWithPartialMatches(), greaterThan(0.0));
  }

  @Test
  void passesAreRepeatableBecauseEachStartsFromEmptyState() {
    EngineWorkload workload = EngineWorkload.seedRules(5_000, 1_000, 7);

    EngineWorkload.Result first = workload.run();
    EngineWorkload.Result second = workload.run();

    assertThat(second.matches(), equalTo(first.matches()));
    assertThat(second.timeouts(), equalTo(first.timeouts()));
    assertThat(second.stateSummary(), equalTo(first.stateSummary()));
  }

  @Test
  void bothKeyLookupsFeedTheEngineTheSameWork() {
    EngineWorkload workload = EngineWorkload.seedRules(20_000, 1_500, 11);

    EngineWorkload.Result byMap = workload.run(EngineWorkload.KeyLookup.HASH_MAP);
    EngineWorkload.Result byIndex = workload.run(EngineWorkload.KeyLookup.DENSE_INDEX);

    assertThat(byIndex.matches(), equalTo(byMap.matches()));
    assertThat(byIndex.timeouts(), equalTo(byMap.timeouts()));
    assertThat(byIndex.stateSummary(), equalTo(byMap.stateSummary()));
    assertThat(byIndex.stateLeft().keySet(), equalTo(byMap.stateLeft().keySet()));
  }

  /**
   * Without timeouts wanted, windows that close unobserved fire no timer, so partial matches past
   * their windows are left until time catches up; then the state is what the run with timeouts
   * left, caught up alike.
   */
  @Test
  void withoutTimeoutsTheSameMatchesAndOnceTimeCatchesUpTheSameState() {
    EngineWorkload withTimeouts = EngineWorkload.seedRules(100_000, 20_000, 5, true);
    EngineWorkload.Result made = withTimeouts.run();
    EngineWorkload withoutTimeouts = EngineWorkload.seedRules(100_000, 20_000, 5, false);
    EngineWorkload.Result dropped = withoutTimeouts.run();

    assertThat(made.timeouts(), greaterThan(0L));
    assertThat(dropped.timeouts(), equalTo(0L));
    assertThat(dropped.matches(), equalTo(made.matches()));
    assertThat(dropped.stateSummary().partialMatches(),
        greaterThan(made.stateSummary().partialMatches()));
    // both at the same clock: a key's times are written as offsets from it
    withTimeouts.catchUp(made);
    withoutTimeouts.catchUp(dropped);
    assertThat(dropped.stateSummary(), equalTo(made.stateSummary()));
  }

  @Test
  void stateLeftRoundTripsThroughBytes() {
    EngineWorkload.Result result = EngineWorkload.seedRules(5_000, 1_000, 3).run();

    for (KeyState state : result.stateLeft().values()) {
      byte[] bytes = state.toBytes();
      assertThat(KeyState.fromBytes(bytes).toBytes(), equalTo(bytes));
    }
  }
}

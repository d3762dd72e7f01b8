package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.TimerRuleFixtures.AB;
import static io.beamcep.pipeline.match.TimerRuleFixtures.AC;
import static io.beamcep.pipeline.match.TimerRuleFixtures.CONFIG;
import static io.beamcep.pipeline.match.TimerRuleFixtures.advanced;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.pipeline.rules.RuleSet;
import io.beamcep.pipeline.match.TimerRuleFixtures.CountingSource;
import io.beamcep.pipeline.rules.RuleSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A matcher's timer that fires before any element has brought the rules side input into its JVM,
 * as every timer of a job just restored from a savepoint does: it reads the rules from the rule
 * source, matches with them, and leaves them for the side input to replace. Driven the way the
 * DoFns drive {@link MatcherRules} and {@link RuleCache}.
 */
class RulesForTimersTest {
  /** A new transform id per test: nothing of it is cached in this JVM, as after a restore. */
  private final String transform = UUID.randomUUID().toString();

  @Test
  void aTimerBeforeAnyElementTimesOutARestoredPartialMatchWithTheRulesItReads() throws Exception {
    // the job before the savepoint: a@1 started ab's partial match (window 100 s)
    KeyState saved = KeyState.empty();
    CompiledRuleSet before = RuleCache.refresh(UUID.randomUUID().toString(), rules(4, AB), CONFIG);
    before.matcher().process(saved, event("u", "a1", "a").getValue(), 1_000);
    KeyState restored = throughCoder(saved);

    MatcherRules matcherRules =
        new MatcherRules(transform, null, CONFIG, RuleSource.fixed(rules(4, AB)));
    CompiledRuleSet forTimer = matcherRules.forTimer();
    List<String> fired = advanced(forTimer, restored, 101_000);

    assertThat(fired, contains("ab TIMEOUT [a1]"));
    assertThat(restored.isEmpty(), is(true));
    assertThat(RuleCache.latest(transform), sameInstance(forTimer));
  }

  @Test
  void withoutARuleSourceATimerBeforeAnyElementWaitsForOne() {
    assertThat(new MatcherRules(transform, null, CONFIG, null).forTimer(), is(nullValue()));
  }

  @Test
  void anUnreadableSourceIsReadAgainAfterWaitsThatDoubleWhateverManyTimersAsk() {
    CountingSource source = new CountingSource(rules(1, AB), Long.MAX_VALUE);
    source.failing = true;
    long start = 5_000_000;
    List<Long> readAt = new ArrayList<>();
    for (long now = start; now < start + 200_000; now += 250) { // timers asking 4 times a second
      int before = source.reads;
      assertThat(RuleCache.forTimers(transform, source, CONFIG, now), is(nullValue()));
      if (source.reads > before) {
        readAt.add((now - start) / 1000);
      }
    }
    // seconds after the first: waits of 1, 2, 4, 8, 16, 32, then 60 s
    assertThat(readAt, contains(0L, 1L, 3L, 7L, 15L, 31L, 63L, 123L, 183L));

    source.failing = false;
    long later = start + 243_000;
    assertThat(RuleCache.forTimers(transform, source, CONFIG, later - 1), is(nullValue()));
    CompiledRuleSet read = RuleCache.forTimers(transform, source, CONFIG, later);
    assertThat(read.matcher().rules().size(), is(1));
    assertThat(RuleCache.forTimers(transform, source, CONFIG, later + 1), sameInstance(read));
    assertThat("read once more, when it succeeded", source.reads, is(10));
  }

  @Test
  void theSideInputOfTheSameRowsKeepsTheMatcherTheTimersReadAndOtherRowsReplaceIt() {
    CompiledRuleSet read = RuleCache.forTimers(
        transform, RuleSource.fixed(new RuleSet(0, List.of(AB))), CONFIG, 0);

    CompiledRuleSet announced = RuleCache.refresh(transform, rules(7, AB), CONFIG);
    assertThat("keys synced with it stay synced", announced.matcher(),
        sameInstance(read.matcher()));
    assertThat(announced.source().generation(), is(7L));
    assertThat(RuleCache.latest(transform), sameInstance(announced));

    CompiledRuleSet changed = RuleCache.refresh(transform, rules(8, AB, AC), CONFIG);
    assertThat(changed.matcher(), not(sameInstance(read.matcher())));
    assertThat(changed.matcher().rules().size(), is(2));
  }

  @Test
  void rulesAnElementBroughtFirstAreNotReadAgain() {
    CompiledRuleSet brought = RuleCache.refresh(transform, rules(3, AB, AC), CONFIG);
    CountingSource source = new CountingSource(rules(1, AB), Long.MAX_VALUE);

    assertThat(new MatcherRules(transform, null, CONFIG, source).forTimer(),
        sameInstance(brought));
    assertThat(source.reads, is(0));
  }

  private static KeyState throughCoder(KeyState state) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KeyStateCoder.of().encode(state, bytes);
    return KeyStateCoder.of().decode(new ByteArrayInputStream(bytes.toByteArray()));
  }
}

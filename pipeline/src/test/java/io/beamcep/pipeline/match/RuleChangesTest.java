package io.beamcep.pipeline.match;

import static io.beamcep.pipeline.match.MatchFixtures.event;
import static io.beamcep.pipeline.match.MatchFixtures.rules;
import static io.beamcep.pipeline.match.MatchFixtures.twoSteps;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.AlertFunctions;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the matcher DoFn does when the rules side input changes: it recompiles only on change, and
 * the key's state then keeps the partial matches of unchanged rules, starts a new version fresh
 * and drops deleted rules; a row edited in place keeps its partial matches only where the new
 * pattern has their nodes. Driven step by step the way the DoFn drives it (refresh, process).
 */
class RuleChangesTest {
  private static final int LIMIT = CepMatchConfig.DEFAULT_MAX_PARTIAL_MATCHES_PER_RULE;
  private static final RuleRow AB_V1 =
      twoSteps("ab", 1, "a", "SKIP_TILL_NEXT", "b", 100, AlertFunctions.JSON);
  private static final RuleRow AB_V2 =
      twoSteps("ab", 2, "a", "SKIP_TILL_NEXT", "b", 100, AlertFunctions.JSON);
  private static final RuleRow AC =
      twoSteps("ac", 1, "a", "SKIP_TILL_NEXT", "c", 100, AlertFunctions.JSON);

  private final String transform = UUID.randomUUID().toString();
  private KeyState state = KeyState.empty();

  private CompiledRuleSet refresh(RuleSet rules) {
    return RuleCache.refresh(transform, rules,
        CepMatchConfig.defaults().withMaxPartialMatchesPerRule(LIMIT));
  }

  private List<String> feed(RuleSet rules, String id, String type, long seconds) {
    CompiledRuleSet compiled = refresh(rules);
    Event event = event("u", id, type).getValue();
    List<String> out = new ArrayList<>();
    for (Match match : compiled.matcher().process(state, event, seconds * 1000)) {
      out.add(match.rule().id() + "/" + match.rule().version() + " " + match.kind() + " "
          + match.events().values());
    }
    return out;
  }

  @Test
  void equalRuleSetsAreCompiledOnce() {
    CompiledRuleSet first = refresh(rules(1, AB_V1, AC));
    assertThat(refresh(rules(1, AB_V1, AC)), sameInstance(first));
    assertThat(RuleCache.latest(transform), sameInstance(first));
    assertThat(refresh(rules(2, AB_V1)).matcher().rules().size(), is(1));
  }

  @Test
  void newVersionStartsFreshWhileOtherRulesKeepTheirPartialMatches() {
    // a@1 under {ab v1, ac}: both rules wait for their second step.
    assertThat(feed(rules(1, AB_V1, AC), "a1", "a", 1), is(List.of()));
    // ab is updated to v2: ab's pending a1 is dropped, ac's is kept.
    assertThat(feed(rules(2, AB_V2, AC), "c2", "c", 2), contains(startsWith("ac/1 MATCH")));
    assertThat(feed(rules(2, AB_V2, AC), "b3", "b", 3), is(List.of()));
    // v2 matches from its own events on.
    feed(rules(2, AB_V2, AC), "a4", "a", 4);
    assertThat(feed(rules(2, AB_V2, AC), "b5", "b", 5), contains(startsWith("ab/2 MATCH")));
  }

  @Test
  void aRowEditedInPlaceWithOtherNodesStartsTheRuleAfreshInsteadOfFailingTheKey() {
    // a@1 under ab v1 (a -> b); the row (ab, 1) is edited to c -> b: the pending a1 is dropped
    // (the key failed every event before); the edited rule matches from its own events on.
    RuleRow edited = twoSteps("ab", 1, "c", "SKIP_TILL_NEXT", "b", 100, AlertFunctions.JSON);
    feed(rules(1, AB_V1), "a1", "a", 1);
    assertThat(feed(rules(2, edited), "b2", "b", 2), is(List.of()));
    feed(rules(2, edited), "c3", "c", 3);
    assertThat(feed(rules(2, edited), "b4", "b", 4),
        contains(startsWith("ab/1 MATCH [[Event{id=c3, eventType=c, userId=u}], [Event{id=b4")));
  }

  @Test
  void deletedRuleStopsMatchingAndItsPartialMatchesAreDropped() {
    feed(rules(1, AB_V1, AC), "a1", "a", 1);
    assertThat(feed(rules(2, AC), "b2", "b", 2), is(List.of()));
    assertThat(state.partialMatchCount(), is(1));
    assertThat(feed(rules(3), "c3", "c", 3), is(List.of()));
    assertThat(state.isEmpty(), is(true));
  }

  /**
   * A table grown past 64 rules lays its keys out sparse, and one shrunk again dense: a key
   * holding partial matches keeps them across both refreshes, and through its coder's bytes.
   */
  @Test
  void partialMatchesOutliveATableGrowingPastSixtyFourRulesAndShrinkingAgain() throws Exception {
    RuleRow[] large = new RuleRow[72];
    large[0] = AB_V1;
    large[1] = AC;
    for (int i = 2; i < large.length; i++) {
      large[i] = twoSteps(String.format("x%02d", i), 1, "x", "SKIP_TILL_NEXT", "y", 100,
          AlertFunctions.JSON);
    }
    assertThat(feed(rules(1, AB_V1, AC), "a1", "a", 1), is(List.of()));
    assertThat(feed(rules(2, large), "x2", "x", 2), is(List.of()));
    assertThat(state.partialMatchCount(), is(72)); // a1 twice, x2 for each of the 70 x rules
    state = throughCoder(state);
    assertThat(feed(rules(2, large), "c3", "c", 3), contains(startsWith("ac/1 MATCH")));
    state = throughCoder(state);
    assertThat(feed(rules(3, AB_V1, AC), "b4", "b", 4), contains(startsWith("ab/1 MATCH")));
    assertThat(state.isEmpty(), is(true));
  }

  private static KeyState throughCoder(KeyState state) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    KeyStateCoder.of().encode(state, bytes);
    return KeyStateCoder.of().decode(new java.io.ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void rowsThatDoNotCompileAreSkippedAndTheOthersStillMatch() {
    RuleRow broken = new RuleRow("bad", 1, "{\"nodes\": 5}", null);
    RuleRow unknownFunction = new RuleRow("fn", 1, AC.pattern(), "com.example.Nope");
    CompiledRuleSet compiled =
        refresh(rules(1, broken, AB_V1, unknownFunction));
    assertThat(compiled.matcher().rules().size(), is(1));
    assertThat(compiled.skipped().size(), is(2));
    assertThat(compiled.skipped().get(0), startsWith("rule (bad, 1): "));
    assertThat(compiled.skipped().get(1),
        is("rule (fn, 1): unknown function 'com.example.Nope'"));
  }
}

package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-key state: shared event buffer, rule versions coming and going, bytes round-trip. */
class KeyStateTest {
  private static final Graph A_THEN_B = chain(List.of(node("a", "a"), node("b", "b")),
      List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip());

  private static CompiledRule rule(String id, int version) {
    return Rules.COMPILER.compile(new Rule(id, version, A_THEN_B, null));
  }

  /**
   * Rules: 100, of which r042 is a then b and the others c then d. Events: a1, then b2. Laid out
   * sparse (more than Matcher.SPARSE_ABOVE rules), the key has an entry for r042 only while it
   * holds a partial match, and once the match left nothing of it stays in the key's slots; its
   * bytes are those of the same key laid out dense.
   */
  @Test
  void aKeyOfManyRulesHoldsEntriesOnlyForItsBusyRules() {
    Graph cThenD = chain(List.of(node("c", "c"), node("d", "d")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip());
    List<CompiledRule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rules.add(Rules.COMPILER.compile(
          new Rule(String.format("r%03d", i), 1, i == 42 ? A_THEN_B : cThenD, null)));
    }
    Matcher matcher = Matcher.of(rules);
    Matcher dense = Matcher.of(rules, Integer.MAX_VALUE, rule -> true, false);
    KeyState state = KeyState.empty();
    KeyState denseState = KeyState.empty();

    matcher.process(state, event("a", 1), 1000);
    dense.process(denseState, event("a", 1), 1000);
    assertTrue(state.isSparse());
    assertEquals(1, state.entryCount());
    assertEquals(42, state.ruleOfEntry(0));
    assertEquals(2, state.queueSize(42), "the partial match and the fresh start");
    assertEquals(List.of(true, false), List.of(state.entry(42) >= 0, state.entry(41) >= 0));
    assertArrayEquals(denseState.toBytes(), state.toBytes());

    assertEquals(List.of("a=a1 b=b2"), render(matcher.process(state, event("b", 2), 2000)));
    assertEquals(0, state.entryCount());
    assertTrue(java.util.Arrays.stream(state.slots()).allMatch(slot -> slot == null),
        "nothing of r042's partial match is held");
    assertTrue(state.isEmpty());
  }

  /**
   * Rule a then b. Events: a1 at 1000, time advanced to 5000, then asked to go back to 3000. The
   * key's time is the latest it was given, never earlier, and survives its bytes.
   */
  @Test
  void aKeysTimeIsTheLatestItWasGivenAndSurvivesItsBytes() {
    Matcher matcher = Matcher.of(List.of(rule("x", 1)));
    KeyState state = KeyState.empty();
    assertEquals(Long.MIN_VALUE, state.time());
    matcher.process(state, event("a", 1), 1000);
    assertEquals(1000, state.time());
    matcher.advanceTime(state, 5000);
    assertEquals(5000, state.time());
    matcher.advanceTime(state, 3000);
    assertEquals(5000, state.time(), "time never goes back");
    assertEquals(5000, KeyState.fromBytes(state.toBytes()).time());
  }

  /**
   * Rules x and y, a then b. Events: a1. Every shorter prefix of the key's bytes is refused as
   * corrupt, none read as a state holding less.
   */
  @Test
  void everyPrefixOfAKeysBytesIsRefusedAsCorrupt() {
    KeyState state = KeyState.empty();
    Matcher.of(List.of(rule("x", 1), rule("y", 1))).process(state, event("a", 1), 1000);
    byte[] bytes = state.toBytes();
    assertEquals(2, KeyState.fromBytes(bytes).partialMatchCount());
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, length);
      java.io.UncheckedIOException refused = org.junit.jupiter.api.Assertions.assertThrows(
          java.io.UncheckedIOException.class, () -> KeyState.fromBytes(prefix),
          length + " of " + bytes.length + " bytes");
      assertEquals("corrupt key state bytes", refused.getMessage());
    }
  }

  @Test
  void anEventTakenByTwoRulesIsStoredOnce() {
    Matcher matcher = Matcher.of(List.of(rule("x", 1), rule("y", 1)));
    KeyState state = KeyState.empty();
    matcher.process(state, event("a", 1), 1000);
    assertEquals(2, state.partialMatchCount());
    assertEquals(1, state.bufferedEventCount());
    assertEquals(List.of("a=a1 b=b2", "a=a1 b=b2"),
        render(matcher.process(state, event("b", 2), 2000)), "rule x first, then rule y");
    assertEquals(0, state.bufferedEventCount());
    assertTrue(state.isEmpty());
  }

  @Test
  void aNewRuleVersionStartsEmptyAndTheOldOnesStateIsDropped() {
    KeyState state = KeyState.empty();
    Matcher.of(List.of(rule("x", 1), rule("y", 1))).process(state, event("a", 1), 1000);
    Matcher upgraded = Matcher.of(List.of(rule("x", 2), rule("y", 1)));
    assertEquals(List.of("a=a1 b=b2"), render(upgraded.process(state, event("b", 2), 2000)),
        "only y v1 still had the partial match");
    assertTrue(state.isEmpty());
  }

  @Test
  void aNewKeyIsLaidOutAsSyncingRuleByRuleLaysItOut() {
    Matcher matcher = Matcher.of(List.of(rule("x", 1), rule("y", 1), rule("z", 1)));
    KeyState fresh = KeyState.empty();
    KeyState carried = KeyState.empty();
    Matcher.of(List.of(rule("w", 1))).advanceTime(carried, 0);
    assertFalse(carried.hasNoRules(), "holds rule w, so it is reconciled rule by rule");

    matcher.advanceTime(fresh, 0);
    matcher.advanceTime(carried, 0);

    assertArrayEquals(carried.words(), fresh.words());
    assertArrayEquals(carried.slots(), fresh.slots(),
        "the matcher's shared fresh starts, placed alike");
    for (int i = 1; i <= 4; i++) {
      String type = i % 2 == 1 ? "a" : "b";
      assertEquals(render(matcher.process(carried, event(type, i), 1000L * i)),
          render(matcher.process(fresh, event(type, i), 1000L * i)));
      assertArrayEquals(carried.toBytes(), fresh.toBytes());
    }
  }

  /**
   * Pattern: a, then b (skip till next). Events: a1, then c2 and c3, which every partial match
   * ignores, then b4. The events between leave the rule's state as it was, down to its objects,
   * and the match is Flink's.
   */
  @Test
  void eventsEveryPartialMatchIgnoresLeaveTheRuleAsItWas() {
    Matcher matcher = Matcher.of(List.of(rule("x", 1)));
    KeyState state = KeyState.empty();
    matcher.process(state, event("a", 1), 1000);
    ComputationState waiting = state.partialMatch(0, 0);
    long[] words = state.words().clone();

    assertEquals(List.of(), matcher.process(state, event("c", 2), 2000));
    assertEquals(List.of(), matcher.process(state, event("c", 3), 3000));

    assertSame(waiting, state.partialMatch(0, 0));
    assertArrayEquals(words, state.words());
    assertEquals(List.of("a=a1 b=b4"), render(matcher.process(state, event("b", 4), 4000)));
  }

  /**
   * Rules: x, a then b, and 40 rules of b then a. Events: a1, which only x takes. The 40 idle rules
   * hold their fresh start alone and are not written: the key's bytes are those of a key with rule
   * x alone. Restored, the key goes on as if they had been written: b2 completes x, and a3
   * completes each of the 40 with b2.
   */
  @Test
  void rulesHoldingOnlyTheirFreshStartAreNotWritten() {
    Graph bThenA = chain(List.of(node("b", "b"), node("a", "a")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip());
    List<CompiledRule> rules = new java.util.ArrayList<>(List.of(rule("x", 1)));
    for (int i = 0; i < 40; i++) {
      rules.add(Rules.COMPILER.compile(new Rule(String.format("y%02d", i), 1, bThenA, null)));
    }
    Matcher table = Matcher.of(rules);
    KeyState withIdleRules = KeyState.empty();
    KeyState alone = KeyState.empty();
    table.process(withIdleRules, event("a", 1), 1000);
    Matcher.of(List.of(rule("x", 1))).process(alone, event("a", 1), 1000);

    assertArrayEquals(alone.toBytes(), withIdleRules.toBytes());

    KeyState restored = KeyState.fromBytes(withIdleRules.toBytes());
    assertEquals(List.of("a=a1 b=b2"), render(table.process(restored, event("b", 2), 2000)));
    assertEquals(java.util.Collections.nCopies(40, "b=b2 a=a3"),
        render(table.process(restored, event("a", 3), 3000)));
  }

  @Test
  void emptyStateIsEmptyAndRoundTrips() {
    KeyState state = KeyState.empty();
    assertTrue(state.isEmpty());
    assertTrue(KeyState.fromBytes(state.toBytes()).isEmpty());
  }

  @Test
  void midStreamRoundTripGivesIdenticalBytesAndResults() {
    Matcher matcher = Matcher.of(List.of(rule("x", 1)));
    KeyState original = KeyState.empty();
    matcher.process(original, event("a", 1), 1000);
    matcher.process(original, event("a", 2), 2000);
    byte[] bytes = original.toBytes();
    KeyState restored = KeyState.fromBytes(bytes);
    assertArrayEquals(bytes, restored.toBytes());
    assertFalse(restored.isEmpty());
    assertEquals(original.partialMatchCount(), restored.partialMatchCount());
    assertEquals(render(matcher.process(original, event("b", 3), 3000)),
        render(matcher.process(restored, event("b", 3), 3000)));
  }

  /**
   * Pattern: a+ (looping, skip till next) followedBy b. Events: a1 a2 a3 a4. Each a starts a
   * partial match whose path shares the nodes the earlier ones made, so a path goes on past its
   * start; walks stop at the start by comparing id objects (PathNode.before). After a round trip
   * through bytes, each started partial match's start id is the very object its path's node for
   * that event holds, and the restored state matches on as the original.
   */
  @Test
  void aDecodedStateHoldsOneIdObjectPerEvent() {
    CompiledRule looping = Rules.COMPILER.compile(new Rule("loop", 1, chain(
        List.of(node("a", "a", Rules.q(Contiguity.SKIP_TILL_NEXT, 1, 1,
            QuantifierProperty.LOOPING)), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
    Matcher matcher = Matcher.of(List.of(looping));
    KeyState original = KeyState.empty();
    for (int id = 1; id <= 4; id++) {
      matcher.process(original, event("a", id), id * 1000L);
    }

    KeyState restored = KeyState.fromBytes(original.toBytes());

    int started = 0;
    for (RuleState rule : restored.ruleStateList()) {
      for (ComputationState computation : rule) {
        EventId start = computation.startEventId;
        if (start == null) {
          continue;
        }
        started++;
        PathNode node = computation.path;
        while (!node.id.equals(start)) {
          node = node.previous;
        }
        assertSame(start, node.id, "the start of " + computation);
      }
    }
    assertTrue(started >= 4, "every a starts partial matches, got " + started);
    assertEquals(render(matcher.process(original, event("b", 5), 5000)),
        render(matcher.process(restored, event("b", 5), 5000)));
  }

  @Test
  void stateOfARuleMissingFromTheMatcherDecodesAndIsDroppedOnNextCall() {
    KeyState state = KeyState.empty();
    Matcher.of(List.of(rule("gone", 1))).process(state, event("a", 1), 1000);
    KeyState restored = KeyState.fromBytes(state.toBytes());
    assertEquals(1, restored.partialMatchCount());
    Matcher.of(List.of(rule("other", 1))).advanceTime(restored, 2000);
    assertEquals(0, restored.partialMatchCount());
    assertEquals(0, restored.bufferedEventCount());
  }

  @Test
  void namesAndRepeatedValuesAreStoredOncePerKey() {
    Matcher matcher = Matcher.of(List.of(rule("a-long-rule-identifier", 1)));
    KeyState state = KeyState.empty();
    for (int i = 1; i <= 5; i++) {
      matcher.process(state, event("a", i), i * 1000L);
    }
    assertEquals(5, state.partialMatchCount(), "every a starts a partial match");
    byte[] bytes = state.toBytes();
    assertEquals(1, occurrences(bytes, "type"), "field name of five buffered events");
    assertEquals(1, occurrences(bytes, "a-long-rule-identifier"), "rule id");
    KeyState restored = KeyState.fromBytes(bytes);
    assertArrayEquals(bytes, restored.toBytes());
    assertEquals(render(matcher.process(state, event("b", 6), 6000)),
        render(matcher.process(restored, event("b", 6), 6000)));
  }

  private static int occurrences(byte[] haystack, String needle) {
    byte[] pattern = needle.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int count = 0;
    for (int i = 0; i + pattern.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + pattern.length, pattern, 0, pattern.length)) {
        count++;
      }
    }
    return count;
  }

  @Test
  void aKeyMovingToAnotherMatcherLeavesTheKeysOfTheFirstAsTheyWere() {
    // a rule-set refresh compiles the same rule version again: keys move over one by one while
    // others still run on the first matcher, and every key's start is shared within a matcher
    Matcher first = Matcher.of(List.of(rule("x", 1)));
    Matcher refreshed = Matcher.of(List.of(rule("x", 1)));
    KeyState moving = KeyState.empty();
    KeyState staying = KeyState.empty();
    first.process(moving, event("b", 1), 1000);
    first.process(staying, event("b", 1), 1000);

    refreshed.process(moving, event("a", 2), 2000);
    KeyState decoded = KeyState.fromBytes(moving.toBytes());

    assertEquals(List.of(), render(first.process(staying, event("a", 3), 3000)));
    assertEquals(List.of("a=a3 b=b4"), render(first.process(staying, event("b", 4), 4000)));
    assertEquals(List.of("a=a2 b=b5"), render(refreshed.process(moving, event("b", 5), 5000)));
    assertEquals(List.of("a=a2 b=b5"), render(first.process(decoded, event("b", 5), 5000)));
    assertTrue(staying.isEmpty() && moving.isEmpty() && decoded.isEmpty());
  }
}

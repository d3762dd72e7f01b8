package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.compile;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule changed under its id and version (a rule row edited in place instead of given a new
 * version): rule / events before the edit / the edited rule / events after / expected matches. A
 * key's partial matches go on where the edited pattern still has the nodes they wait in and took
 * events for, and the rule starts afresh for the key where it does not: such a key made every
 * event fail before. Each case runs with the key's state as held and as decoded from its bytes
 * (a state backend on disk).
 */
class RuleEditedInPlaceTest {

  /** Rule r v1, {@code first -> second}, each node matching events of its own type. */
  private static CompiledRule followedBy(AtomicNode first, AtomicNode second) {
    return compile(chain(List.of(first, second), List.of(EdgeType.SKIP_TILL_NEXT),
        Optional.empty(), AfterMatch.noSkip()));
  }

  /** Runs {@code before} through {@code rule}, then {@code after} through {@code edited}. */
  private static List<String> run(CompiledRule rule, String before, CompiledRule edited,
      String after, boolean decoded) {
    return run(List.of(rule), before, List.of(edited), after, decoded);
  }

  private static List<String> run(List<CompiledRule> rules, String before,
      List<CompiledRule> edited, String after, boolean decoded) {
    KeyState state = KeyState.empty();
    List<String> out = new ArrayList<>(feed(Matcher.of(rules), state, before));
    KeyState carried = decoded ? KeyState.fromBytes(state.toBytes()) : state;
    out.addAll(feed(Matcher.of(edited), carried, after));
    return out;
  }

  private static List<String> feed(Matcher matcher, KeyState state, String events) {
    List<String> out = new ArrayList<>();
    for (String token : events.trim().split("\\s+")) {
      int id = Integer.parseInt(token.substring(1));
      out.addAll(render(matcher.process(state, event(token.substring(0, 1), id), id * 1000L)));
    }
    return out;
  }

  @ParameterizedTest(name = "decoded: {0}")
  @ValueSource(booleans = {false, true})
  void renamedNodesStartTheRuleAfreshForAKeyWaitingInThem(boolean decoded) {
    // a -> b / a1 / edited to x -> y (same types) / b2 a3 b4 / x=a3 y=b4 (a1 is dropped)
    List<String> out = run(followedBy(node("a", "a"), node("b", "b")), "a1",
        followedBy(node("x", "a"), node("y", "b")), "b2 a3 b4", decoded);
    assertEquals(List.of("x=a3 y=b4"), out);
  }

  @ParameterizedTest(name = "decoded: {0}")
  @ValueSource(booleans = {false, true})
  void anEditedConditionKeepsThePartialMatchesWaiting(boolean decoded) {
    // a -> b(type b) / a1 / edited to a -> b(type c) / c2 / a=a1 b=c2
    List<String> out = run(followedBy(node("a", "a"), node("b", "b")), "a1",
        followedBy(node("a", "a"), node("b", "c")), "c2", decoded);
    assertEquals(List.of("a=a1 b=c2"), out);
  }

  @ParameterizedTest(name = "decoded: {0}")
  @ValueSource(booleans = {false, true})
  void aRemovedNodeAnEventWasTakenForStartsTheRuleAfresh(boolean decoded) {
    // a -> b -> c / a1 b2 (waiting in c) / edited to b -> c / c3 b4 c5 / b=b4 c=c5 (a1 b2 dropped:
    // their match would name a node the rule no longer has)
    CompiledRule abc = compile(chain(List.of(node("a", "a"), node("b", "b"), node("c", "c")),
        List.of(EdgeType.SKIP_TILL_NEXT, EdgeType.SKIP_TILL_NEXT), Optional.empty(),
        AfterMatch.noSkip()));
    List<String> out = run(abc, "a1 b2", followedBy(node("b", "b"), node("c", "c")),
        "c3 b4 c5", decoded);
    assertEquals(List.of("b=b4 c=c5"), out);
  }

  @ParameterizedTest(name = "decoded: {0}")
  @ValueSource(booleans = {false, true})
  void aKeyOfAMatcherOfManyRulesStartsOnlyTheEditedRuleAfresh(boolean decoded) {
    // 70 rules lay a key out sparse: r (a -> b) is edited to x -> y; f0 (a -> c) is not.
    // a1 / c2 b3 a4 b5 / f0's a=a1 c=c2, then r's x=a4 y=b5 (r's a1 is dropped)
    List<CompiledRule> before = new ArrayList<>();
    List<CompiledRule> after = new ArrayList<>();
    before.add(followedBy(node("a", "a"), node("b", "b")));
    after.add(followedBy(node("x", "a"), node("y", "b")));
    for (int i = 0; i < 69; i++) {
      CompiledRule filler = Rules.COMPILER.compile(new Rule("f" + i, 1,
          chain(List.of(node("a", i == 0 ? "a" : "z"), node("c", "c")),
              List.of(EdgeType.SKIP_TILL_NEXT), Optional.empty(), AfterMatch.noSkip()), null));
      before.add(filler);
      after.add(filler);
    }
    assertEquals(List.of("a=a1 c=c2", "x=a4 y=b5"),
        run(before, "a1", after, "c2 b3 a4 b5", decoded));
  }

  @ParameterizedTest(name = "decoded: {0}")
  @ValueSource(booleans = {false, true})
  void aWindowGivenByTheEditClosesOnThePartialMatchesItKept(boolean decoded) {
    // a -> b, no window / a1 / edited to a -> b within 5 s / c2, then time 10 s / a1 times out
    // and the key empties (the rule kept its old deadline, none, and the key never emptied)
    CompiledRule windowed = compile(chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT),
        Optional.of(new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(5))),
        AfterMatch.noSkip()));
    KeyState state = KeyState.empty();
    feed(Matcher.of(List.of(followedBy(node("a", "a"), node("b", "b")))), state, "a1");
    KeyState carried = decoded ? KeyState.fromBytes(state.toBytes()) : state;
    Matcher edited = Matcher.of(List.of(windowed), Integer.MAX_VALUE, rule -> true);
    feed(edited, carried, "c2");
    assertEquals(6_000L, edited.nextTimer(carried));
    List<String> out = render(edited.advanceTime(carried, 10_000L));
    assertEquals(List.of("TIMEOUT a=a1"), out);
    assertEquals(true, carried.isEmpty());
  }
}

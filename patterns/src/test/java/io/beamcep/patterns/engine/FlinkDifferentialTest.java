package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.WindowType;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.PatternBuilder;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random patterns over random event sequences, run through real Flink CEP 1.19 and through our
 * engine: matches and timeouts must be identical, in emission order, and a pattern one side refuses
 * must be refused by the other. Seeded, so a failure names a reproducible case.
 */
class FlinkDifferentialTest {
  private static final int CASES = Integer.getInteger("differential.cases", 300);
  private static final String[] TYPES = {"a", "b", "c"};

  @Test
  void randomPatternsBehaveExactlyLikeFlink() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, false);
    }
  }

  /** A third of the conditions also read the partial match: count / last of a step's events. */
  @Test
  void randomPatternsWithIterativeConditionsBehaveExactlyLikeFlink() {
    for (int seed = 0; seed < CASES; seed++) {
      check(seed, true);
    }
  }

  private static void check(int seed, boolean iterative) {
    Random random = new Random(seed);
    Graph pattern;
    try {
      pattern = randomPattern(random, iterative);
    } catch (RuntimeException builderRefused) {
      return;
    }
    List<TimedEvent> events = randomEvents(random);
    String label = (iterative ? "iterative " : "") + "seed " + seed + ": " + pattern
        + "\nevents " + describe(events);
    boolean flinkRefused = false;
    org.apache.flink.cep.pattern.Pattern<io.beamcep.patterns.event.Event, ?> flinkPattern = null;
    try {
      flinkPattern = FlinkPatternTranslator.withDefaultConditions().translate(pattern);
      FlinkCepHarness.compile(flinkPattern);
    } catch (RuntimeException refusal) {
      flinkRefused = true;
    }
    boolean weRefused = false;
    try {
      new RuleCompiler(ConditionRegistry.defaults()).compile(new Rule("r", 1, pattern, null));
    } catch (RuleException refusal) {
      weRefused = true;
    }
    assertEquals(flinkRefused, weRefused, "refusal differs, " + label);
    if (flinkRefused) {
      return;
    }
    long end = 1_000_000L;
    FlinkCepHarness.Outcome flink = FlinkCepHarness.run(flinkPattern, events, end);
    OurEngineRunner.Run ours = OurEngineRunner.run(pattern, events, end);
    assertEquals(EventScript.canonical(flink.matches()),
        EventScript.canonical(ours.outcome().matches()), "matches differ, " + label);
    assertEquals(EventScript.canonical(flink.timeouts()),
        EventScript.canonical(ours.outcome().timeouts()), "timeouts differ, " + label);
    assertEquals(EventScript.canonical(ours.outcome().matches()),
        EventScript.canonical(throughBytes(pattern, events, end)),
        "restoring the key state from bytes after every event changed the matches, " + label);
    assertNothingKeptPastStarts(pattern, events, end, label);
    boolean bounded = pattern.window().isPresent()
        && pattern.window().get().type() == WindowType.FIRST_AND_LAST;
    if (bounded) {
      // every partial match has a window that closed before the end of input
      assertEquals(true, ours.state().isEmpty(), "state left behind, " + label);
    }
  }

  /**
   * Our engine again, in memory: after every call, the nodes the key state keeps alive are exactly
   * those its partial matches hold. Partial matches share path nodes, a start's chain linking into
   * an older partial match's; a link left after that one ended would keep events forever.
   */
  private static void assertNothingKeptPastStarts(
      Graph pattern, List<TimedEvent> events, long end, String label) {
    Matcher matcher = Matcher.of(List.of(
        new RuleCompiler(ConditionRegistry.defaults()).compile(new Rule("r", 1, pattern, null))));
    KeyState state = KeyState.empty();
    List<TimedEvent> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(TimedEvent::timestamp));
    for (TimedEvent event : sorted) {
      matcher.process(state, event.event(), event.timestamp());
      assertEquals(HeldPaths.held(state), HeldPaths.reachable(state),
          "nodes kept past the partial matches' starts after " + event.event().get("id") + ", "
              + label);
      assertAtMostOneUnstartedPerRule(state, "after " + event.event().get("id") + ", " + label);
    }
    matcher.advanceTime(state, end);
    assertEquals(HeldPaths.held(state), HeldPaths.reachable(state),
        "nodes kept past the partial matches' starts at the end, " + label);
  }

  /**
   * What KeyState.isEmpty relies on: a rule's queue holds at most one partial match that has not
   * started, so a queue of two holds a started one.
   */
  private static void assertAtMostOneUnstartedPerRule(KeyState state, String label) {
    for (RuleState rule : state.ruleStateList()) {
      int unstarted = 0;
      for (int i = 0; i < rule.size(); i++) {
        if (rule.get(i).startEventId == null) {
          unstarted++;
        }
      }
      assertEquals(true, unstarted <= 1, unstarted + " unstarted partial matches, " + label);
    }
  }

  /** Our engine again, the key state serialized and restored after every call. */
  private static List<java.util.Map<String, List<io.beamcep.patterns.event.Event>>> throughBytes(
      Graph pattern, List<TimedEvent> events, long end) {
    Matcher matcher = Matcher.of(List.of(
        new RuleCompiler(ConditionRegistry.defaults()).compile(new Rule("r", 1, pattern, null))));
    byte[] state = KeyState.empty().toBytes();
    List<java.util.Map<String, List<io.beamcep.patterns.event.Event>>> matches = new ArrayList<>();
    List<TimedEvent> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(TimedEvent::timestamp));
    for (TimedEvent event : sorted) {
      KeyState restored = KeyState.fromBytes(state);
      for (Match match : matcher.process(restored, event.event(), event.timestamp())) {
        if (match.kind() == Match.Kind.MATCH) {
          matches.add(match.events());
        }
      }
      state = restored.toBytes();
    }
    for (Match match : matcher.advanceTime(KeyState.fromBytes(state), end)) {
      if (match.kind() == Match.Kind.MATCH) {
        matches.add(match.events());
      }
    }
    return matches;
  }

  private static String describe(List<TimedEvent> events) {
    StringBuilder text = new StringBuilder();
    for (TimedEvent event : events) {
      text.append(event.event().get("id")).append('@').append(event.timestamp()).append(' ');
    }
    return text.toString();
  }

  static List<TimedEvent> randomEvents(Random random) {
    int count = 4 + random.nextInt(9);
    StringBuilder script = new StringBuilder();
    long time = 1;
    for (int i = 1; i <= count; i++) {
      time += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
      script.append(TYPES[random.nextInt(TYPES.length)])
          .append(i)
          .append('@')
          .append(time)
          .append(' ');
    }
    return EventScript.events(script.toString());
  }

  /** Draws conditions; an iterative one names a step declared so far. */
  private static final class Conditions {
    private final Random random;
    private final boolean iterative;
    private final List<String> names = new ArrayList<>();

    Conditions(Random random, boolean iterative) {
      this.random = random;
      this.iterative = iterative;
    }

    String next() {
      String typeIs = "type == '" + TYPES[random.nextInt(TYPES.length)] + "'";
      if (!iterative || names.isEmpty() || random.nextInt(3) != 0) {
        return typeIs;
      }
      String name = names.get(random.nextInt(names.size()));
      return switch (random.nextInt(3)) {
        case 0 -> typeIs + " && count('" + name + "') < " + (1 + random.nextInt(2));
        case 1 -> typeIs + " && last('" + name + "').type != '"
            + TYPES[random.nextInt(TYPES.length)] + "'";
        default -> "count('" + name + "') == 0 || " + typeIs;
      };
    }
  }

  static Graph randomPattern(Random random, boolean iterative) {
    int steps = 2 + random.nextInt(3);
    Conditions conditions = new Conditions(random, iterative);
    List<String> names = conditions.names;
    names.add("p0");
    PatternBuilder builder = PatternBuilder.begin("p0", conditions.next());
    quantify(builder, random, true, conditions);
    for (int i = 1; i < steps; i++) {
      String name = "p" + i;
      names.add(name);
      int kind = random.nextInt(11);
      if (kind >= 9) {
        PatternBuilder group = PatternBuilder.begin(name + "x", conditions.next());
        quantify(group, random, false, conditions);
        group.followedBy(name + "y", conditions.next());
        builder.group(
            random.nextBoolean() ? EdgeType.SKIP_TILL_NEXT : EdgeType.STRICT, name, group);
        quantify(builder, random, false, conditions);
        continue;
      }
      switch (kind) {
        case 0, 1 -> builder.next(name, conditions.next());
        case 2, 3, 4 -> builder.followedBy(name, conditions.next());
        case 5, 6 -> builder.followedByAny(name, conditions.next());
        case 7 -> builder.notNext(name, conditions.next());
        default -> builder.notFollowedBy(name, conditions.next());
      }
      if (kind < 7) {
        quantify(builder, random, true, conditions);
      }
    }
    if (random.nextInt(3) > 0) {
      builder.within(Duration.ofMillis(3 + random.nextInt(10)),
          random.nextBoolean() ? WindowType.FIRST_AND_LAST : WindowType.PREVIOUS_AND_CURRENT);
    }
    AfterMatchType skip = AfterMatchType.values()[random.nextInt(AfterMatchType.values().length)];
    if (skip == AfterMatchType.SKIP_TO_FIRST || skip == AfterMatchType.SKIP_TO_LAST) {
      builder.afterMatch(skip, names.get(random.nextInt(names.size())));
    } else {
      builder.afterMatch(skip);
    }
    return builder.build();
  }

  private static void quantify(
      PatternBuilder builder, Random random, boolean atomic, Conditions conditions) {
    switch (random.nextInt(8)) {
      case 0 -> builder.oneOrMore();
      case 1 -> builder.times(1 + random.nextInt(2), 2 + random.nextInt(2));
      case 2 -> builder.timesOrMore(2);
      case 3 -> builder.times(1 + random.nextInt(2), 3, Duration.ofMillis(2 + random.nextInt(4)));
      default -> {
        // single
      }
    }
    int extra = random.nextInt(10);
    if (extra == 0) {
      builder.optional();
    } else if (extra == 1 && atomic) {
      builder.greedy();
    } else if (extra == 2) {
      builder.consecutive();
    } else if (extra == 3) {
      builder.allowCombinations();
    } else if (extra == 4 && atomic) {
      builder.until(conditions.next());
    }
  }
}

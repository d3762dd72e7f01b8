package io.beamcep.patterns.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.yardstick.EventScript;
import io.beamcep.patterns.yardstick.FlinkCepHarness;
import io.beamcep.patterns.yardstick.FlinkPatternTranslator;
import io.beamcep.patterns.yardstick.Horizon;
import io.beamcep.patterns.yardstick.OurEngineRunner;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random rules over random streams, our engine against real Flink CEP 1.19. For each fixed seed:
 * the rule survives a JSON round trip; Flink refuses it exactly when we do; otherwise our engine
 * does not throw, produces the same matches and timeouts (as multisets, matches also in the
 * order of their start events), and its key state is empty at the end exactly when Flink's is.
 * Half the runs round-trip the key state through bytes after every event.
 */
class FlinkParityPropertyTest {
  // CI runs the fixed 500. A longer hunt for differences: -Dparity.cases=5000
  // -Dparity.firstSeed=N (most seeds take milliseconds, but a rule with no window can keep Flink
  // busy for minutes: seed 1000603's does, so patterns/parity-hunt.sh skips such seeds); given
  // seeds only: -Dparity.seeds=26935,40381
  private static final int CASES = Integer.getInteger("parity.cases", 500);
  private static final long FIRST_SEED = Long.getLong("parity.firstSeed", 20_261_121L);
  private static final int REPORTED = 5;
  private static final String GIVEN_SEEDS = System.getProperty("parity.seeds", "");
  /**
   * A file each seed is logged to as it starts and ends, failures in full: patterns/parity-hunt.sh
   * reads it to skip a seed Flink takes too long on, and keeps what a killed run found.
   */
  private static final String LOG = System.getProperty("parity.log", "");

  private static List<Long> seeds() {
    if (!GIVEN_SEEDS.isBlank()) {
      return Arrays.stream(GIVEN_SEEDS.split(",")).map(String::trim).map(Long::valueOf).toList();
    }
    return LongStream.range(FIRST_SEED, FIRST_SEED + CASES).boxed().toList();
  }

  @Test
  void ourEngineAgreesWithFlinkOnRandomRules() {
    List<String> failures = new ArrayList<>();
    int compared = 0;
    int refused = 0;
    List<Long> seeds = seeds();
    for (int i = 0; i < seeds.size() && failures.size() < REPORTED; i++) {
      long seed = seeds.get(i);
      RandomPatterns random = new RandomPatterns(seed);
      Graph pattern = random.pattern();
      List<TimedEvent> events = random.events();
      log("start " + seed);
      long started = System.nanoTime();
      try {
        boolean ran = check(pattern, events);
        if (ran) {
          compared++;
        } else {
          refused++;
        }
        log("end " + seed + " " + (System.nanoTime() - started) / 1_000_000 + " ms "
            + (ran ? "compared" : "refused"));
      } catch (AssertionError | RuntimeException e) {
        String failure = describe(seed, pattern, events, e);
        failures.add(failure);
        log("FAIL " + failure.replace('\n', ' '));
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
    // The grammar must keep producing comparable rules, or the property proves little (given
    // seeds are usually the odd ones out, so they need not).
    if (GIVEN_SEEDS.isBlank()) {
      assertTrue(compared > seeds.size() / 2,
          "only " + compared + " rules compared, " + refused + " refused");
    }
  }

  private static void log(String line) {
    if (LOG.isEmpty()) {
      return;
    }
    try {
      Files.writeString(Path.of(LOG), line + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the parity log " + LOG, e);
    }
  }

  /** Returns true when the rule was run through both engines, false when both refused it. */
  private static boolean check(Graph pattern, List<TimedEvent> events) {
    Rule parsed;
    RuleException ourRefusal = null;
    try {
      parsed = RuleJson.parseRule("prop", 1, RuleJson.toJson(pattern), null);
      new RuleCompiler(ConditionRegistry.defaults()).compile(parsed);
    } catch (RuleException ours) {
      if (isDeliberatelyStricter(ours)) {
        return false; // Flink may never finish such a rule: it is not run
      }
      parsed = null;
      ourRefusal = ours;
    }

    RuntimeException flinkRefusal = null;
    FlinkCepHarness.Outcome flink = null;
    long end = Horizon.endOfInput(pattern, events);
    try {
      flink =
          FlinkCepHarness.run(
              FlinkPatternTranslator.withDefaultConditions().translate(pattern), events, end);
    } catch (RuntimeException e) {
      flinkRefusal = e;
    }
    if (ourRefusal != null) {
      if (flinkRefusal == null) {
        throw new AssertionError(
            "we refuse a rule Flink accepts: " + ourRefusal.getMessage(), ourRefusal);
      }
      return false;
    }
    if (flinkRefusal != null) {
      throw new AssertionError("Flink refuses a rule we accept: " + flinkRefusal, flinkRefusal);
    }
    if (!parsed.pattern().equals(pattern)) {
      throw new AssertionError(
          "JSON round trip changed the rule:\n" + RuleJson.toJson(parsed.pattern()));
    }

    // Every other rule restores its key state from bytes after each event, as after a failover.
    boolean throughBytes = events.size() % 2 == 0;
    OurEngineRunner.Run ours = OurEngineRunner.run(parsed.pattern(), events, end, throughBytes);
    assertEqualLists("matches (sorted)",
        sorted(EventScript.canonical(flink.matches())),
        sorted(EventScript.canonical(ours.outcome().matches())));
    // Flink emits in event order and, within one event, by the start of the partial match; among
    // matches sharing their start its priority queue leaves the order unspecified. So the order
    // is compared on the start event of each match.
    assertEqualLists("start events of the matches in emission order",
        startEvents(flink.matches()), startEvents(ours.outcome().matches()));
    assertEqualLists("timeouts (sorted)",
        sorted(EventScript.canonical(flink.timeouts())),
        sorted(EventScript.canonical(ours.outcome().timeouts())));
    // Flink keeps partial matches a window does not bound (a PREVIOUS_AND_CURRENT window only
    // bounds the last step), so "empty at the end" is required exactly when Flink drains.
    if (flink.drained() != ours.outcome().drained()) {
      throw new AssertionError(
          "after every window closed Flink is " + (flink.drained() ? "" : "not ") + "drained, "
              + "our key state has " + ours.state().partialMatchCount() + " partial matches");
    }
    return true;
  }

  /**
   * Rules Flink accepts but mishandles, which we refuse on purpose. Each entry is a documented
   * decision; any other refusal of a rule Flink accepts is a parity failure.
   */
  private static final List<String> STRICTER_THAN_FLINK =
      List.of(
          // Flink drops a notFollowedBy that ends a group pattern without a word.
          "a group cannot end with notFollowedBy",
          // Flink repeats a looping group that can take no event forever, until out of memory.
          "a looping group must take an event on every repetition",
          // Flink builds a transition to no state, and its job fails when the until holds there.
          "an optional greedy loop with an until condition cannot follow a notFollowedBy",
          // Flink refuses an optional node before a negation, but not a group that can match no
          // event, and its job can fail when a partial match that took nothing reaches it.
          "a notNext/notFollowedBy cannot follow a group that can match no event");

  private static boolean isDeliberatelyStricter(RuleException refusal) {
    return STRICTER_THAN_FLINK.stream().anyMatch(refusal.reason()::startsWith);
  }

  private static void assertEqualLists(String what, List<String> flink, List<String> ours) {
    if (flink.equals(ours)) {
      return;
    }
    List<String> missing = new ArrayList<>(flink);
    ours.forEach(missing::remove);
    List<String> extra = new ArrayList<>(ours);
    flink.forEach(extra::remove);
    String detail;
    if (missing.isEmpty() && extra.isEmpty()) {
      int first = 0;
      while (flink.get(first).equals(ours.get(first))) {
        first++;
      }
      detail = "same " + flink.size() + " results, order differs first at index " + first
          + "\n  Flink: " + window(flink, first) + "\n  ours:  " + window(ours, first);
    } else {
      detail = "Flink " + flink.size() + ", ours " + ours.size()
          + "\n  only Flink: " + head(missing) + "\n  only ours:  " + head(extra);
    }
    throw new AssertionError(what + " differ: " + detail);
  }

  private static List<String> window(List<String> values, int from) {
    return values.subList(from, Math.min(values.size(), from + 4));
  }

  private static String head(List<String> values) {
    return values.size() <= 6
        ? values.toString()
        : values.subList(0, 6) + " ... (" + values.size() + ")";
  }

  /** The generator numbers events in input order ({@code a0 b1 ...}): the smallest is the start. */
  private static List<String> startEvents(List<Map<String, List<Event>>> matches) {
    return matches.stream()
        .map(
            match ->
                match.values().stream()
                    .flatMap(List::stream)
                    .mapToInt(e -> Integer.parseInt(e.getString("id").substring(1)))
                    .min()
                    .orElse(-1))
        .map(String::valueOf)
        .toList();
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }

  private static String describe(long seed, Graph pattern, List<TimedEvent> events, Throwable e) {
    String stream =
        events.stream()
            .map(t -> t.event().getString("id") + "@" + t.timestamp())
            .collect(Collectors.joining(" "));
    String json;
    try {
      json = RuleJson.toJson(pattern);
    } catch (RuntimeException notWritable) {
      json = pattern.toString();
    }
    return "seed " + seed + ": " + e + "\n  rule: " + json + "\n  events: " + stream;
  }
}

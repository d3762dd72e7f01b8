package io.beamcep.patterns.bench;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the cost of reading one input grows with its size, where a super-linear step would let one
 * rule row or one record stall a job: compiling {@code times(1, n)} (2n states), and building an
 * event of n distinct fields ({@code Event.ofFields}, which every parsed record and every decoded
 * key state goes through) and comparing it with the same fields in reverse order ({@code
 * Event.equals}, which tests and matches use). Each size is timed once after a warm-up at the
 * smallest size.
 * {@code BENCH_MAIN=io.beamcep.patterns.bench.InputSizeCost patterns/bench.sh [n...]}, default
 * 1000 2000 4000 5000 (5,000 is the most {@code times(1, n)} the state limit lets compile).
 */
public final class InputSizeCost {
  private InputSizeCost() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {1_000, 2_000, 4_000, 5_000}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    compileTimes(compiler, sizes[0]);
    wideEvent(sizes[0]);
    for (int n : sizes) {
      long start = System.nanoTime();
      String compiled = compileTimes(compiler, n);
      double compileMs = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      Event wide = wideEvent(n);
      double eventMs = (System.nanoTime() - start) / 1e6;
      Event reversed = reversed(wide);
      start = System.nanoTime();
      boolean equal = wide.equals(reversed);
      double equalsMs = (System.nanoTime() - start) / 1e6;
      System.out.printf(Locale.ROOT, "n = %,d: times(1, n) %s in %.1f ms; an event of %,d fields"
          + " in %.2f ms, compared with its fields reversed (%s) in %.2f ms%n", n, compiled,
          compileMs, wide.fieldCount(), eventMs, equal ? "equal" : "NOT EQUAL", equalsMs);
    }
  }

  private static String compileTimes(RuleCompiler compiler, int n) {
    String json = "{\"name\":\"a\",\"type\":\"COMPOSITE\",\"nodes\":[{\"name\":\"a\","
        + "\"type\":\"ATOMIC\",\"quantifier\":{\"properties\":[\"TIMES\"],"
        + "\"times\":{\"from\":1,\"to\":" + n + "}},"
        + "\"condition\":{\"type\":\"CLASS\",\"className\":"
        + "\"com.alibaba.ververica.cep.demo.condition.FirstViewCondition\"}}],\"edges\":[]}";
    try {
      CompiledRule rule = compiler.compile(RuleJson.parseRule("size", 1, json, null));
      return "compiled to " + rule.automaton().states().size() + " states";
    } catch (RuleException refused) {
      return "refused (" + refused.reason() + ")";
    }
  }

  private static Event reversed(Event event) {
    int n = event.fieldCount();
    String[] names = new String[n];
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      names[n - 1 - i] = event.fieldName(i);
      values[n - 1 - i] = event.fieldValue(i);
    }
    return Event.ofFields(names, values);
  }

  /** Numbers the layouts: ofFields skips the check for the layout it checked last. */
  private static int layouts;

  private static Event wideEvent(int fields) {
    String[] names = new String[fields];
    layouts++;
    for (int i = 0; i < fields; i++) {
      names[i] = "field" + layouts + "_" + i;
    }
    return Event.ofFields(names, new Object[fields]);
  }
}

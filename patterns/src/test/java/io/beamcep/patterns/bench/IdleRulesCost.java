package io.beamcep.patterns.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.BuiltInConditions;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each further rule costs per event when a rule set grows: 1, 5 and 25 copies of one seed
 * rule (each under its own id, as a rule table holding variants of one alert would), over the
 * benchmark's stream, timed in CPU time (best of three passes), twice over. Seed rule 2 (a cart
 * over 200 followed by a purchase) is the default: most keys hold nothing for it most of the
 * time, so its copies measure what a rule costs that the event does not concern, which is most
 * rules of a large rule set. A diagnostic, not the benchmark: {@code
 * BENCH_MAIN=io.beamcep.patterns.bench.IdleRulesCost patterns/bench.sh [users] [rule id]}. With
 * {@code BENCH_JAVA_OPTS=-Didle.conditions=expressions} the rule's reference conditions are
 * written as the AVIATOR expressions that say the same (InitialCondition through {@code
 * first(...)}), as a rule table written by its users rather than by the reference's Java would
 * hold them; with {@code -Didle.conditions=builtIns} as our built-in conditions with arguments
 * (CartAddCondition as a RichAnd of two; InitialCondition, which has no such twin, stays). With
 * {@code -Didle.copies=1,5,25,100} other numbers of copies are timed (default 1, 5 and 25).
 */
public final class IdleRulesCost {

  private IdleRulesCost() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String ruleId = args.length > 1 ? args[1] : "2";
    String written = System.getProperty("idle.conditions", "reference");
    int[] copiesTimed = java.util.Arrays.stream(System.getProperty("idle.copies", "1,5,25")
        .split(",")).mapToInt(copies -> Integer.parseInt(copies.trim())).toArray();
    Map<String, String> twins = TWINS.get(written);
    if (twins == null && !written.equals("reference")) {
      throw new IllegalArgumentException("idle.conditions is one of reference, " + TWINS.keySet());
    }
    String rows = SeedRules.rowsJson(SeedRules.testdataDirectory());
    Rule seed = RuleJson.parseRuleRows(twins == null ? rows : rewritten(rows, twins)).stream()
        .filter(rule -> rule.id().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no seed rule " + ruleId));
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(42).events(1_000_000).users(users).build();
    System.out.printf(Locale.ROOT,
        "1,000,000 events, %,d users, seed 42, no timeouts; copies of seed rule %s, conditions "
            + "written as %s%n", users, ruleId, written);
    for (int round = 0; round < 2; round++) {
      for (int copies : copiesTimed) {
        List<CompiledRule> rules = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
          rules.add(compiler.compile(new Rule("copy" + copy, 1, seed.pattern(), null)));
        }
        EngineWorkload workload = new EngineWorkload(rules, stream, false);
        double best = 0;
        EngineWorkload.Result last = null;
        for (int pass = 0; pass < 3; pass++) {
          TimedPass<EngineWorkload.Result> timed = TimedPass.run(1_000_000, workload::run);
          best = Math.max(best, timed.rate());
          last = timed.result();
        }
        EngineWorkload.StateSummary state = last.stateSummary();
        System.out.printf(Locale.ROOT, "%3d copies: %,11.0f events per CPU-second, %7.1f ns per "
            + "event; %,d keys hold state after a pass, %,.1f serialized bytes each%n", copies,
            best, 1e9 / best, state.keysWithState(), state.bytesPerKeyWithState());
      }
    }
  }

  private static String named(String className, String args) {
    return "{\"type\":\"CLASS\",\"className\":\"" + className + "\",\"args\":" + args + "}";
  }

  private static String expression(String text) {
    return "{\"type\":\"AVIATOR\",\"expression\":\"" + text + "\"}";
  }

  /** Per way of writing them, the reference's conditions (by simple name) as ones alike. */
  private static final Map<String, Map<String, String>> TWINS = Map.of(
      "expressions", Map.of(
          "FirstViewCondition", expression("eventType == 'view'"),
          "CartAddCondition", expression("eventType == 'cart' && price > 200"),
          "PurchaseCondition", expression("eventType == 'purchase'"),
          "CartCondition", expression("eventType == 'cart'"),
          "InitialCondition", expression("eventType == 'view'"
              + " && price < first('initial_view', 'price')"
              + " && productId == first('initial_view', 'productId')")),
      "builtIns", Map.of(
          "FirstViewCondition", named(BuiltInConditions.EVENT_TYPE_IS, "[\"view\"]"),
          "CartAddCondition", "{\"type\":\"CLASS\",\"className\":"
              + "\"org.apache.flink.cep.pattern.conditions.RichAndCondition\","
              + "\"nestedConditions\":[" + named(BuiltInConditions.EVENT_TYPE_IS, "[\"cart\"]")
              + "," + named(BuiltInConditions.FIELD_GREATER_THAN, "[\"price\",200]") + "]}",
          "PurchaseCondition", named(BuiltInConditions.EVENT_TYPE_IS, "[\"purchase\"]"),
          "CartCondition", named(BuiltInConditions.EVENT_TYPE_IS, "[\"cart\"]")));

  /** {@code rowsJson} with every reference condition that has a twin in {@code twins} replaced. */
  private static String rewritten(String rowsJson, Map<String, String> twins)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode rows = json.readTree(rowsJson);
    for (JsonNode row : rows) {
      replaceConditions(row.get("pattern"), twins, json);
    }
    return rows.toString();
  }

  private static void replaceConditions(JsonNode node, Map<String, String> twins,
      ObjectMapper json) throws IOException {
    if (node instanceof ObjectNode object) {
      JsonNode condition = object.get("condition");
      if (condition instanceof ObjectNode named && named.has("className")) {
        String className = named.get("className").asText();
        String twin = twins.get(className.substring(className.lastIndexOf('.') + 1));
        if (twin != null) {
          object.set("condition", json.readTree(twin));
        }
      }
    }
    for (JsonNode child : node) {
      replaceConditions(child, twins, json);
    }
  }
}

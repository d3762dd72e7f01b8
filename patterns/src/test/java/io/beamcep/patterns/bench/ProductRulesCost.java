package io.beamcep.patterns.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rule table of many rules on products of their own costs per event: rule k, a cart of
 * product k followed by a purchase within 30 minutes, for 1, 10, 100 and 1,000 products (the
 * catalog's first ones), over the benchmark's stream, timed in CPU time (best of three passes),
 * twice over. Each rule's start condition differs from every other's, so none is shared; an
 * event can start at most the rule of its own product. A diagnostic, not the benchmark: {@code
 * BENCH_MAIN=io.beamcep.patterns.bench.ProductRulesCost patterns/bench.sh [users]}. The start is
 * written as an expression ({@code productId == '...' && eventType == 'cart'}); with {@code
 * BENCH_JAVA_OPTS=-Dproduct.conditions=builtIns} as a RichAnd of FieldEquals [productId, ...] and
 * the reference's CartCondition; with {@code -Dproduct.conditions=bracketed} as an expression of
 * two products in brackets ({@code (productId == '...' || productId == '...-b') && eventType ==
 * 'cart'}); with {@code -Dproduct.counts=1,10} other numbers of rules.
 */
public final class ProductRulesCost {
  private static final long FIRST_PRODUCT_ID = 1_000_000L;

  private ProductRulesCost() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String written = System.getProperty("product.conditions", "expressions");
    if (!List.of("expressions", "builtIns", "bracketed").contains(written)) {
      throw new IllegalArgumentException(
          "product.conditions is expressions, builtIns or bracketed");
    }
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(42).events(1_000_000).users(users).build();
    System.out.printf(Locale.ROOT,
        "1,000,000 events, %,d users, seed 42, no timeouts; rules on products of their own, "
            + "start conditions written as %s%n", users, written);
    int[] counts = java.util.Arrays.stream(System.getProperty("product.counts", "1,10,100,1000")
        .split(",")).mapToInt(count -> Integer.parseInt(count.trim())).toArray();
    for (int round = 0; round < 2; round++) {
      for (int products : counts) {
        List<CompiledRule> rules = new ArrayList<>();
        for (int p = 0; p < products; p++) {
          String productId = Long.toString(FIRST_PRODUCT_ID + p);
          rules.add(compiler.compile(RuleJson.parseRule(
              String.format("product%04d", p), 1, pattern(startCondition(written, productId)),
              null)));
        }
        EngineWorkload workload = new EngineWorkload(rules, stream, false);
        double best = 0;
        long matches = 0;
        for (int pass = 0; pass < 3; pass++) {
          TimedPass<EngineWorkload.Result> timed = TimedPass.run(1_000_000, workload::run);
          best = Math.max(best, timed.rate());
          matches = timed.result().matches();
        }
        System.out.printf(Locale.ROOT, "%5d rules: %,11.0f events per CPU-second, %8.1f ns per "
            + "event; %,d matches a pass%n", products, best, 1e9 / best, matches);
      }
    }
  }

  static String startCondition(String written, String productId) {
    if (written.equals("bracketed")) {
      return "{\"type\":\"AVIATOR\",\"expression\":\"(productId == '" + productId
          + "' || productId == '" + productId + "-b') && eventType == 'cart'\"}";
    }
    if (written.equals("expressions")) {
      return "{\"type\":\"AVIATOR\",\"expression\":\"productId == '" + productId
          + "' && eventType == 'cart'\"}";
    }
    return "{\"type\":\"CLASS\",\"className\":"
        + "\"org.apache.flink.cep.pattern.conditions.RichAndCondition\",\"nestedConditions\":["
        + "{\"type\":\"CLASS\",\"className\":\"io.beamcep.conditions.FieldEquals\","
        + "\"args\":[\"productId\",\"" + productId + "\"]},"
        + "{\"type\":\"CLASS\",\"className\":"
        + "\"com.alibaba.ververica.cep.demo.condition.CartCondition\"}]}";
  }

  /** A cart of the product (the start) followed by a purchase within 30 minutes. */
  static String pattern(String startCondition) {
    return "{\"nodes\":["
        + "{\"name\":\"cart_of_product\",\"type\":\"ATOMIC\",\"condition\":" + startCondition
        + "},{\"name\":\"purchase\",\"type\":\"ATOMIC\",\"condition\":{\"type\":\"CLASS\","
        + "\"className\":\"com.alibaba.ververica.cep.demo.condition.PurchaseCondition\"}}],"
        + "\"edges\":[{\"source\":\"cart_of_product\",\"target\":\"purchase\","
        + "\"type\":\"SKIP_TILL_NEXT\"}],"
        + "\"window\":{\"type\":\"FIRST_AND_LAST\",\"time\":{\"unit\":\"MINUTES\",\"size\":30}}}";
  }
}

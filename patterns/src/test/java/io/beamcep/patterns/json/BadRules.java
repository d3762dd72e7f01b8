package io.beamcep.patterns.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.RuleException;
import java.util.function.Consumer;

/**
 * The valid two-node rule the bad-rule tests start from, and the assertion that a broken copy of it
 * is refused with the rule's id and version, the JSON path of the bad spot and a reason, as its
 * only problem.
 */
final class BadRules {
  private BadRules() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ID = "r7";
  static final int VERSION = 3;

  /**
   * first (ATOMIC) -STRICT-> second (ATOMIC, TIMES 2..3), listed last to first as the reference
   * does.
   */
  static final String VALID =
      """
      {"name":"second","type":"COMPOSITE","version":1,
       "nodes":[
        {"name":"second","type":"ATOMIC",
         "quantifier":{"consumingStrategy":"SKIP_TILL_NEXT","properties":["TIMES"],
                       "times":{"from":2,"to":3,"windowTime":{"unit":"SECONDS","size":10}},
                       "untilCondition":null},
         "condition":{"type":"AVIATOR","expression":"eventType == 'cart'"}},
        {"name":"first","type":"ATOMIC","quantifier":null,
         "condition":{"type":"CLASS",
           "className":"com.alibaba.ververica.cep.demo.condition.FirstViewCondition"}}],
       "edges":[{"source":"first","target":"second","type":"STRICT"}],
       "window":{"type":"FIRST_AND_LAST","time":{"unit":"MINUTES","size":5}},
       "afterMatchStrategy":{"type":"NO_SKIP","patternName":null}}
      """;

  static ObjectNode valid() {
    try {
      return (ObjectNode) JSON.readTree(VALID);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode node(ObjectNode pattern, int index) {
    return (ObjectNode) pattern.get("nodes").get(index);
  }

  static ObjectNode edge(ObjectNode pattern, int index) {
    return (ObjectNode) pattern.get("edges").get(index);
  }

  static ObjectNode times(ObjectNode pattern) {
    return (ObjectNode) node(pattern, 0).get("quantifier").get("times");
  }

  static RuleException refused(String patternText) {
    RuleException e =
        assertThrows(RuleException.class, () -> RuleJson.parseRule(ID, VERSION, patternText, null));
    assertEquals(ID, e.ruleId());
    assertEquals(VERSION, e.ruleVersion());
    return e;
  }

  static void assertRefused(Consumer<ObjectNode> breakIt, String path, String reasonPart) {
    ObjectNode pattern = valid();
    breakIt.accept(pattern);
    RuleException e = refused(pattern.toString());
    assertEquals(path, e.jsonPath(), e.getMessage());
    assertTrue(e.reason().contains(reasonPart), "reason was: " + e.reason());
    assertTrue(e.getMessage().startsWith("rule r7 v3 at " + path + ": "), e.getMessage());
    // one thing broken is one problem: nothing that follows from it is reported besides
    assertEquals(1, e.problems().size(), e.getMessage());
  }
}

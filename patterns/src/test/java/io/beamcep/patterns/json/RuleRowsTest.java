package io.beamcep.patterns.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule rows {id, version, pattern, function}: the pattern may be an object or its text. */
class RuleRowsTest {
  private static final String PATTERN =
      "{\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\","
          + "\"condition\":{\"type\":\"AVIATOR\",\"expression\":\"eventType == 'view'\"}}],"
          + "\"edges\":[]}";

  @Test
  void patternAsObjectAsStringAndDoubleEncodedAreTheSameRule() throws Exception {
    String asString = new ObjectMapper().writeValueAsString(PATTERN);
    List<Rule> rules =
        RuleJson.parseRuleRows(
            "[{\"id\":\"a\",\"version\":1,\"pattern\":" + PATTERN + "},"
                + "{\"id\":\"a\",\"version\":1,\"pattern\":" + asString + "}]");
    assertEquals(rules.get(0), rules.get(1));
    assertEquals(rules.get(0), RuleJson.parseRule("a", 1, asString, null));
    assertNull(rules.get(0).function());
  }

  @Test
  void aPatternWithoutNameTakesItsEndNodesName() {
    assertEquals("only", RuleJson.parseRule("a", 1, PATTERN, null).pattern().name());
  }

  @Test
  void numericIdsAreAcceptedAsText() {
    assertEquals(
        "42",
        RuleJson.parseRuleRows("[{\"id\":42,\"version\":1,\"pattern\":" + PATTERN + "}]")
            .get(0)
            .id());
  }

  @Test
  void aBadRowNamesItsRuleAndVersion() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> RuleJson.parseRuleRows(
                "[{\"id\":\"a\",\"version\":1,\"pattern\":" + PATTERN + "},"
                    + "{\"id\":\"b\",\"version\":4,\"pattern\":{\"nodes\":[]}}]"));
    assertEquals("b", e.ruleId());
    assertEquals(4, e.ruleVersion());
    assertEquals("$.pattern.nodes", e.jsonPath());
  }

  @Test
  void aRowWithoutIdIsNamedByItsPosition() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> RuleJson.parseRuleRows("[{\"version\":1,\"pattern\":" + PATTERN + "}]"));
    assertNull(e.ruleId());
    assertEquals("$.id", e.jsonPath());
    assertTrue(e.reason().startsWith("row 0: missing required key 'id'"), e.reason());
  }

  @Test
  void versionMustBeAWholeNumber() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> RuleJson.parseRuleRows(
                "[{\"id\":\"a\",\"version\":\"1\",\"pattern\":" + PATTERN + "}]"));
    assertEquals("a", e.ruleId());
    assertEquals("$.version", e.jsonPath());
  }

  @Test
  void missingPatternAndNonArrayFile() {
    RuleException missing =
        assertThrows(
            RuleException.class, () -> RuleJson.parseRuleRows("[{\"id\":\"a\",\"version\":2}]"));
    assertEquals("$.pattern", missing.jsonPath());
    assertEquals(2, missing.ruleVersion());
    RuleException notArray =
        assertThrows(RuleException.class, () -> RuleJson.parseRuleRows("{\"id\":\"a\"}"));
    assertEquals("$", notArray.jsonPath());
  }

  @Test
  void malformedPatternStringInsideARow() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> RuleJson.parseRuleRows(
                "[{\"id\":\"a\",\"version\":1,\"pattern\":\"{\\\"nodes\\\": [\"}]"));
    assertEquals("a", e.ruleId());
    assertEquals("$.pattern", e.jsonPath());
    assertTrue(e.reason().startsWith("malformed JSON at line 1"), e.reason());
  }
}

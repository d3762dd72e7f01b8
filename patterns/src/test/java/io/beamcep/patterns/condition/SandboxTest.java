package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Rule text is data from a database: an expression that tries to reach Java, the file system,
 * the environment or to mutate anything must be refused when the rule is compiled, or be
 * harmless when it runs.
 */
class SandboxTest {
  private static final String PATH = "$.pattern.nodes[0].condition";
  private static final MatchContext NO_MATCH = FakeContext.of(Map.of());

  private static RuleException rejected(String expression) {
    return assertThrows(
        RuleException.class,
        () -> ConditionRegistry.defaults().compile(new ConditionSpec.Expression(expression), PATH),
        expression);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "System.exit(1)",
        "Runtime.getRuntime()",
        "Class.forName('java.lang.Runtime')",
        "java.lang.System.getenv('HOME')",
        "load('x.av')",
        "require('x')",
        "include('x.av')",
        "eval('1+1')",
        "println('leak')",
        "sysdate() != nil",
        "rand() > 0.5",
        "seq.put(seq.map(), 'a', 1)",
        "reduce(seq.list(1), 1, 1)",
        "repeatedly(1000000000, 1)",
        "tuple(1) != nil",
      })
  void functionsOutsideTheAllowListAreRejectedAtCompileTime(String expression) {
    RuleException e = rejected(expression);
    assertEquals(PATH + ".expression", e.jsonPath());
    assertTrue(e.reason().contains("is not available in conditions"), e.reason());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "new java.io.File('/tmp/x')",
        "'a'.getClass()",
        "eventType.getClass().forName('java.lang.Runtime')",
        "lambda(x) -> x end",
        "let x = 1; x > 0",
        "for x in range(0, 3) { }",
        "while(true) { }",
        "price = 1",
        "fn f() { true }",
        "use java.util.*;",
        "if (true) { true }",
        "return true",
        "try { true } catch(e) { false }",
        "__env__ != nil",
        "seq.get(__env__, 'price') > 0",
        "__instance__ != nil",
      })
  void javaAccessStatementsAndInternalsAreRejectedAtCompileTime(String expression) {
    RuleException e = rejected(expression);
    assertEquals(PATH + ".expression", e.jsonPath());
  }

  @Test
  void gettersAreNotReachableThroughDottedNames() {
    ConditionErrors errors = new ConditionErrors();
    Condition classOfField =
        ConditionRegistry.defaults()
            .compile(
                new ConditionSpec.Expression("eventType.class != nil || eventType.bytes != nil"),
                PATH,
                errors);
    assertFalse(classOfField.test(Event.of(Map.of("eventType", "view")), NO_MATCH));
    assertEquals(0, errors.sum());
  }

  @Test
  void theEventCannotBeChangedAndTheMatchContextCannotBeNamed() {
    Map<String, Object> fields = new HashMap<>(Map.of("eventType", "view"));
    Event event = Event.of(fields);
    ConditionErrors errors = new ConditionErrors();
    Condition regex =
        ConditionRegistry.defaults()
            .compile(
                new ConditionSpec.Expression("eventType =~ /(v)iew/ && $1 == nil"), PATH, errors);
    assertTrue(regex.test(event, NO_MATCH), "capture groups are not written into the event view");
    assertEquals(Map.of("eventType", "view"), event.fields());
    assertEquals(0, errors.sum());
  }

  @Test
  void noFileIsCreatedByAnyAcceptedExpression() throws Exception {
    Path marker = Files.createTempDirectory("sandbox").resolve("x");
    String expression = "string.contains('" + marker + "', 'x')";
    Condition condition =
        ConditionRegistry.defaults().compile(new ConditionSpec.Expression(expression), PATH);
    assertTrue(condition.test(Event.of(Map.of()), NO_MATCH));
    assertFalse(Files.exists(marker));
  }

  private static Condition counted(String expression, ConditionErrors errors) {
    return ConditionRegistry.defaults()
        .compile(new ConditionSpec.Expression(expression), PATH, errors);
  }

  @Test
  void aCatastrophicallyBacktrackingRegexGivesUpAndCountsAsAnError() {
    // (.*a){12} tries every way to cut 48 a's into twelve pieces before it sees the '!': on
    // Java 17 that is 0.24 s for 22 a's and hours for 48
    Event event = Event.of(Map.of("payload", "a".repeat(48) + "!"));
    ConditionErrors errors = new ConditionErrors();
    Condition evil = counted("payload =~ /(.*a){12}/", errors);

    boolean result = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> evil.test(event, NO_MATCH));

    assertFalse(result);
    assertEquals(1, errors.sum());
  }

  @Test
  void bigIntegersRaisedOrShiftedPastTheCapAreErrorsNotStalls() {
    // before the cap the first took minutes and gigabytes, the third 250 MB, on every event
    Event event = Event.of(Map.of("price", 3L));
    ConditionErrors errors = new ConditionErrors();
    for (String expression : List.of(
        "bigint(price) ** 1000000000 > 0",
        "math.pow(bigint(price), 1000000000) > 0",
        "(bigint(price) << 2000000000) > 0",
        "bigint(2) ** 100000 > 0")) { // 100,001 bits: one past the cap
      Condition evil = counted(expression, errors);

      boolean result = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> evil.test(event, NO_MATCH), expression);

      assertFalse(result, expression);
    }
    assertEquals(4, errors.sum());
  }

  @Test
  void bigIntegerArithmeticWithinTheCapIsAviatorsOwn() {
    Event event = Event.of(Map.of("price", 3L));
    ConditionErrors errors = new ConditionErrors();
    for (String expression : List.of(
        "bigint(2) ** 10 == 1024",
        "math.pow(bigint(2), 10) == 1024",
        "(bigint(1) << 10) == 1024",
        "bigint(2) ** 99999 > 0", // 100,000 bits: the cap
        "bigint(1) ** 1000000000 == 1",
        "price ** 2 == 9",
        "math.pow(price, 0.5) > 1.7",
        "decimal(price) ** 1000000 > 0")) {
      assertTrue(counted(expression, errors).test(event, NO_MATCH), expression);
    }
    assertEquals(0, errors.sum());
  }

  @Test
  void sensibleRegexesStillMatchLongValues() {
    Event event = Event.of(Map.of("payload", "a".repeat(100_000) + "c", "eventType", "view"));
    ConditionErrors errors = new ConditionErrors();

    assertTrue(counted("payload =~ /a*c/", errors).test(event, NO_MATCH));
    assertTrue(counted("eventType =~ /view|cart/", errors).test(event, NO_MATCH));
    assertFalse(counted("eventType =~ /cart|purchase/", errors).test(event, NO_MATCH));
    assertEquals(0, errors.sum());
  }

  @Test
  void aRegexOnANumberIsAnErrorAndOnAnAbsentFieldFalseAsInAviator() {
    Event event = Event.of(Map.of("price", 12.5));
    ConditionErrors errors = new ConditionErrors();

    assertFalse(counted("price =~ /1.*/", errors).test(event, NO_MATCH));
    assertEquals(1, errors.sum());
    assertFalse(counted("missing =~ /1.*/", errors).test(event, NO_MATCH));
    assertEquals(1, errors.sum());
  }
}

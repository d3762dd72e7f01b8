package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CLASS conditions resolve only through registered names; nothing is loaded by class name. */
class ConditionRegistryTest {
  private static final String PATH = "$.pattern.nodes[2].condition";
  private static final MatchContext NO_MATCH = FakeContext.of(Map.of());

  @Test
  void defaultsKnowTheReferenceNamesAndOurs() {
    assertTrue(
        ConditionRegistry.defaults()
            .names()
            .containsAll(
                List.of(
                    "com.alibaba.ververica.cep.demo.condition.FirstViewCondition",
                    "com.alibaba.ververica.cep.demo.condition.CartAddCondition",
                    "com.alibaba.ververica.cep.demo.condition.PurchaseCondition",
                    "com.alibaba.ververica.cep.demo.condition.CartCondition",
                    "com.alibaba.ververica.cep.demo.condition.InitialCondition",
                    "io.beamcep.conditions.EventTypeIs",
                    "io.beamcep.conditions.FieldEquals")));
  }

  @Test
  void anUnknownClassNameIsRefusedEvenIfTheClassExists() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () ->
                ConditionRegistry.defaults()
                    .compile(new ConditionSpec.Named("java.lang.Runtime"), PATH));
    assertEquals(PATH + ".className", e.jsonPath());
    assertTrue(
        e.reason().startsWith("unknown condition class 'java.lang.Runtime'; known: "), e.reason());
    assertTrue(e.reason().contains("io.beamcep.conditions.EventTypeIs"), e.reason());
  }

  @Test
  void anUnknownNameInsideACompositeIsLocatedThere() {
    ConditionSpec spec =
        new ConditionSpec.Or(
            List.of(
                new ConditionSpec.Always(),
                new ConditionSpec.Not(new ConditionSpec.Named("x.Y"))));
    RuleException e =
        assertThrows(RuleException.class, () -> ConditionRegistry.defaults().compile(spec, PATH));
    assertEquals(PATH + ".nestedConditions[1].nestedConditions[0].className", e.jsonPath());
  }

  @Test
  void registeredConditionsResolveWithTheirArguments() {
    ConditionRegistry registry =
        ConditionRegistry.builder()
            .register(
                "com.example.MinQuantity",
                args -> {
                  if (args.size() != 1 || !(args.get(0) instanceof Long min)) {
                    throw new IllegalArgumentException("expects one whole number, got " + args);
                  }
                  return (event, context) -> event.getDouble("quantity") >= min;
                })
            .build();
    Condition atLeastThree =
        registry.compile(new ConditionSpec.Named("com.example.MinQuantity", List.of(3L)), PATH);
    assertTrue(atLeastThree.test(Event.of(Map.of("quantity", 3L)), NO_MATCH));
    assertFalse(atLeastThree.test(Event.of(Map.of("quantity", 2L)), NO_MATCH));
    assertEquals(List.of("com.example.MinQuantity"), List.copyOf(registry.names()));
  }

  @Test
  void argumentsAFactoryRefusesAreARuleExceptionAtArgs() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () ->
                ConditionRegistry.defaults()
                    .compile(
                        new ConditionSpec.Named(
                            "io.beamcep.conditions.FieldGreaterThan", List.of("price", "high")),
                        PATH));
    assertEquals(PATH + ".args", e.jsonPath());
    assertTrue(e.reason().contains("argument 1 must be a number but is high"), e.reason());
    RuleException arity =
        assertThrows(
            RuleException.class,
            () ->
                ConditionRegistry.defaults()
                    .compile(
                        new ConditionSpec.Named(
                            "com.alibaba.ververica.cep.demo.condition.CartCondition",
                            List.of("x")),
                        PATH));
    assertTrue(arity.reason().contains("takes no arguments"), arity.reason());
  }

  @Test
  void nullArgumentsAreCarriedToTheFactory() {
    ConditionRegistry registry =
        ConditionRegistry.builder()
            .register(
                "com.example.IsNull",
                args -> (event, context) -> event.get((String) args.get(0)) == args.get(1))
            .build();
    java.util.ArrayList<Object> args = new java.util.ArrayList<>();
    args.add("coupon");
    args.add(null);
    Condition noCoupon =
        registry.compile(new ConditionSpec.Named("com.example.IsNull", args), PATH);
    assertTrue(noCoupon.test(Event.of(Map.of()), NO_MATCH));
  }

  @Test
  void aNameCanBeRegisteredOnlyOnce() {
    ConditionRegistry.Builder builder = ConditionRegistry.builderWithDefaults();
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.register("io.beamcep.conditions.EventTypeIs", args -> (e, c) -> true));
    assertThrows(
        IllegalArgumentException.class, () -> builder.register(" ", args -> (e, c) -> true));
  }

  @Test
  void aThrowingConditionIsFalseAndCountedNeverPropagated() {
    ConditionRegistry registry =
        ConditionRegistry.builder()
            .register("com.example.Broken", args -> (event, context) -> {
              throw new IllegalStateException("bug in user code");
            })
            .build();
    ConditionErrors errors = new ConditionErrors();
    Condition broken =
        registry.compile(new ConditionSpec.Named("com.example.Broken"), PATH, errors);
    assertFalse(broken.test(Event.of(Map.of()), NO_MATCH));
    Condition negated =
        registry.compile(
            new ConditionSpec.Not(new ConditionSpec.Named("com.example.Broken")), PATH, errors);
    assertFalse(
        negated.test(Event.of(Map.of()), NO_MATCH), "an error is not turned into a match by NOT");
    assertEquals(2, errors.sum());
    assertFalse(
        registry.compile(new ConditionSpec.Named("com.example.Broken"), PATH)
            .test(Event.of(Map.of()), NO_MATCH));
  }
}

package io.beamcep.patterns.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A condition as written in a rule; turned into an executable condition by the compiler. The
 * reference's CLASS conditions name a class; here the name is only a key into a registry.
 */
public sealed interface ConditionSpec {

  /** An Aviator expression over the event's fields (and, with our functions, earlier matches). */
  record Expression(String expression) implements ConditionSpec {
    public Expression {
      Objects.requireNonNull(expression, "expression");
    }
  }

  /**
   * A registered condition by name, optionally with constructor-like arguments. Arguments are JSON
   * scalars read as Java values (String, Boolean, Long, Double, BigDecimal) and may be null.
   */
  record Named(String className, List<Object> args) implements ConditionSpec {
    public Named {
      Objects.requireNonNull(className, "className");
      // List.copyOf rejects nulls, but a JSON argument may legitimately be null.
      args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    public Named(String className) {
      this(className, List.of());
    }
  }

  /** True when every nested condition is true (the reference's RichAndCondition). */
  record And(List<ConditionSpec> conditions) implements ConditionSpec {
    public And {
      conditions = List.copyOf(conditions);
    }
  }

  /** True when any nested condition is true (RichOrCondition). */
  record Or(List<ConditionSpec> conditions) implements ConditionSpec {
    public Or {
      conditions = List.copyOf(conditions);
    }
  }

  /** Negates its nested condition (RichNotCondition). */
  record Not(ConditionSpec condition) implements ConditionSpec {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /** Matches every event; what a node without a condition means. */
  record Always() implements ConditionSpec {}
}

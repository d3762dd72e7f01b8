package io.beamcep.patterns.engine;

import java.util.Map;

/**
 * How a matcher finds, per event, the rules an event may start ({@link Matcher#startConditions}):
 * what an operator checks of a large rule table, since a start condition that cannot be found by
 * value costs a test on every event, and a rule visited on every event costs its step.
 *
 * @param rules the matcher's rules
 * @param groups distinct conditions rules start on (rules whose fresh start stays idle unless it
 *     holds), each asked at most once per event
 * @param groupsByField per field, the groups found by one lookup of the event's value there
 * @param groupsAskedOnEveryEvent the groups whose condition requires no known value
 * @param rulesVisitedOnEveryEvent rules in no group (an optional or looping start, a start
 *     condition that reads the partial match): stepped on every event
 */
public record StartConditions(int rules, int groups, Map<String, Integer> groupsByField,
    int groupsAskedOnEveryEvent, int rulesVisitedOnEveryEvent) {
  public StartConditions {
    groupsByField = Map.copyOf(groupsByField);
  }

  @Override
  public String toString() {
    return rules + " rules: " + groups + " start conditions, found by value " + groupsByField
        + ", asked on every event " + groupsAskedOnEveryEvent + "; rules stepped on every event "
        + rulesVisitedOnEveryEvent;
  }
}

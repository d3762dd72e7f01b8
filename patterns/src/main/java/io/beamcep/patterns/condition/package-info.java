/**
 * Conditions: what decides whether an event may be taken by a pattern node.
 *
 * <h2>For rule authors</h2>
 *
 * <ul>
 *   <li>{@code {"type":"CLASS","className":N}} or with {@code "args":[...]}: N must be registered
 *       in the {@link io.beamcep.patterns.condition.ConditionRegistry}; nothing is loaded by class
 *       name. Built in: the reference demo's {@code com.alibaba.ververica.cep.demo.condition.}
 *       {@code FirstViewCondition, CartAddCondition, PurchaseCondition, CartCondition,
 *       InitialCondition}, and {@code io.beamcep.conditions.EventTypeIs [type]}, {@code FieldEquals
 *       [field, value]}, {@code FieldNotEquals [field, value]}, {@code FieldGreaterThan [field,
 *       number]}, {@code FieldLessThan [field, number]}, {@code FieldExists [field]}.
 *   <li>{@code {"type":"AVIATOR","expression":E}}: an Aviator 5 expression over the event's fields,
 *       e.g. {@code eventType == 'view' && price > 200}. Dotted names read nested JSON objects
 *       ({@code user.country}); an absent field is {@code nil}. Functions over the events already
 *       matched: {@code first(p[, field])}, {@code last(p[, field])}, {@code count(p)}, {@code
 *       sum|avg|min|max(p, field)}, e.g. {@code gmv > avg('start','gmv') * 1.2}. Also {@code
 *       string.contains|startsWith|endsWith|indexOf|length|substring}, {@code math.*}, {@code =~}
 *       regex, conversions ({@code long}, {@code double}, {@code str}...). Statements, assignment,
 *       loops, lambdas, Java access and all other functions are refused when the rule is loaded.
 *   <li>{@code RichAndCondition / RichOrCondition} (one or more {@code nestedConditions}) and
 *       {@code RichNotCondition} (exactly one), under {@code
 *       org.apache.flink.cep.pattern.conditions}.
 * </ul>
 *
 * A condition that throws, or an expression that yields something other than true/false, does not
 * match that event and is counted as a condition error; it never stops the job.
 */
package io.beamcep.patterns.condition;

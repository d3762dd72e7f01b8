package io.beamcep.patterns.condition;

/**
 * Conditions of one's own, under the names rules give as a CLASS condition's {@code className}:
 * how a rule table written for the reference system, whose rows name condition classes of their
 * author's, runs unchanged. An implementation is found on the class path as a Java service: its
 * jar lists it in {@code META-INF/services/io.beamcep.patterns.condition.ConditionPlugin}, and
 * {@link ConditionRegistry#defaults()} (what the job, its workers and the {@code cep} commands
 * compile rules with) registers what it registers. The name in a rule still only looks up the
 * registry: putting a plugin on the class path is the operator's decision, and no class is loaded
 * because a database row names it.
 *
 * <p>Needs a public no-argument constructor. A name already registered (a built-in's, or another
 * plugin's) refuses the registry, naming both, rather than letting one silently win.
 */
public interface ConditionPlugin {
  /** Registers this plugin's conditions, e.g. {@code conditions.register("com.acme.Vip", f)}. */
  void register(ConditionRegistry.Builder conditions);
}

package io.beamcep.patterns.engine;

import io.beamcep.patterns.SharedCount;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import io.beamcep.patterns.nfa.Action;
import io.beamcep.patterns.nfa.DecisionTree;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.Moves;
import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs a set of compiled rules over the events of one key at a time. Immutable and shared by every
 * key; all per-key data lives in the {@link KeyState} passed in.
 *
 * <p>Events must be given in non-decreasing timestamp order (the host sorts them). Time only moves
 * forward: {@link #advanceTime} closes windows, returning timeouts and the matches of trailing
 * {@code notFollowedBy} steps. Each rule behaves as Flink CEP 1.19's NFA driven by its CepOperator.
 */
public final class Matcher {
  /**
   * A matcher of more rules than this lays out its keys sparse ({@link RuleLayout}): at 1,000 rules
   * a dense key was 32 KB however few of its rules were busy. At most this many, a key's entries
   * are one array read by the rule's number, which the benchmark's five rules keep.
   */
  static final int SPARSE_ABOVE = 64;

  private final TreeMap<RuleKey, CompiledRule> rules;
  private final List<CompiledRule> ordered;
  /**
   * {@link #ordered} as an array, which the per-event loops read: through the unmodifiable list
   * each rule cost two calls per event, 8 % of a rule set whose rules are mostly idle.
   */
  private final CompiledRule[] orderedRules;
  /** The keys of {@link #ordered}, in its (RuleKey) order; key states share this array. */
  private final RuleKey[] keys;
  /**
   * Per rule in {@link #ordered}, the fresh start all keys share: every key holds a start for every
   * rule and every event reads them all, and one shared object stays in cache where a start per key
   * and rule was a cache miss each. It is never changed: a partial match moves in place only past
   * its start.
   */
  private final ComputationState[] freshStarts;
  /** The most started partial matches a key may hold per rule; older ones are dropped. */
  private final int maxPartialMatchesPerRule;
  /** Brings keys to these rules, and lays them out. */
  private final KeySync keySync;
  /**
   * Per rule in {@link #ordered}, its automaton's memo slots ({@code Guard#memoSlot}) in the
   * matcher's memo, where the event-only conditions of all rules are remembered per event: leaves
   * testing one condition object beneath their rules' error counting (which rules get one:
   * Condition#readsMatchContext) share a slot, so the condition is tested once per event however
   * many rules test it, where each rule tested it once before. A rule table holds many rules of
   * few shapes.
   */
  private final int[][] memoSlots;
  /** How many slots the matcher's memo has: the distinct event-only conditions of its rules. */
  private final int memoSize;
  /**
   * The rules whose fresh start takes nothing while one condition answers false (its start
   * state's decision tree asks it first, and the false branch ends in moves that take nothing;
   * see {@link #idleUnless(DecisionTree, int[])}), grouped by that condition: per group, the
   * condition's memo slot, its leaf in the start of the group's first rule, and all of the
   * group's rules in order (in {@link #ordered}). An event asks each group's condition
   * once, before any rule runs, and a group's idle rules are visited only when it did not answer
   * false: a large rule table's rules mostly start on a few conditions, most events start none of
   * them, and walking every idle rule to find its condition answered was most of what such a
   * table cost per event.
   */
  private final int[] groupSlots;
  private final Guard[] groupLeaves;
  private final int[][] groupRules;
  /** Finds the groups an event may start by the values their conditions require. */
  private final StartConditionIndex startIndex;
  /** The rules in no group ({@link RuleBits}): visited on every event. */
  private final long[] ungroupedRules;
  /** Per rule in {@link #ordered}, the partial matches dropped to keep to that. */
  private final SharedCount[] dropped;
  /** Per rule in {@link #ordered}, whether its timed-out partial matches are returned. */
  private final boolean[] timeouts;
  /**
   * Per rule in {@link #ordered}, when nothing is returned as its windows close (no timeouts
   * wanted, no trailing negation): how long after a key's last event all of its partial matches
   * have closed their windows, the longest of its FIRST_AND_LAST window and PREVIOUS_AND_CURRENT
   * gaps; -1 when closing windows can return something (see {@link #nextTimer}).
   */
  private final long[] quietExpiry;

  private Matcher(TreeMap<RuleKey, CompiledRule> rules, int maxPartialMatchesPerRule,
      Predicate<RuleKey> timeoutsWanted, boolean sparseKeys) {
    this.rules = rules;
    this.maxPartialMatchesPerRule = maxPartialMatchesPerRule;
    this.ordered = Collections.unmodifiableList(new ArrayList<>(rules.values()));
    this.orderedRules = ordered.toArray(new CompiledRule[0]);
    this.keys = rules.keySet().toArray(new RuleKey[0]);
    this.timeouts = new boolean[keys.length];
    this.quietExpiry = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      timeouts[i] = timeoutsWanted.test(keys[i]);
      quietExpiry[i] = timeouts[i] ? -1L : quietExpiry(ordered.get(i).automaton());
    }
    this.freshStarts = new ComputationState[ordered.size()];
    for (int i = 0; i < freshStarts.length; i++) {
      freshStarts[i] = ComputationState.start(ordered.get(i).automaton().startState());
    }
    this.memoSlots = new int[keys.length][];
    int[] idleUnless = new int[keys.length];
    Map<Condition, Integer> shared = new IdentityHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      Guard[] leaves = orderedRules[i].automaton().memoLeaves();
      memoSlots[i] = new int[leaves.length];
      for (int slot = 0; slot < leaves.length; slot++) {
        memoSlots[i][slot] = shared.computeIfAbsent(leaves[slot].sharedCondition(),
            condition -> shared.size());
      }
      idleUnless[i] = idleUnless(freshStarts[i].state.decisionTree(), memoSlots[i]);
    }
    this.memoSize = shared.size();
    Map<Integer, List<Integer>> byCondition = new LinkedHashMap<>();
    this.ungroupedRules = RuleBits.none(keys.length);
    for (int i = 0; i < keys.length; i++) {
      if (idleUnless[i] < 0) {
        RuleBits.add(ungroupedRules, i);
      } else {
        byCondition.computeIfAbsent(idleUnless[i], slot -> new ArrayList<>()).add(i);
      }
    }
    int groups = byCondition.size();
    this.groupSlots = new int[groups];
    this.groupLeaves = new Guard[groups];
    this.groupRules = new int[groups][];
    int group = 0;
    for (Map.Entry<Integer, List<Integer>> members : byCondition.entrySet()) {
      DecisionTree tree = freshStarts[members.getValue().get(0)].state.decisionTree();
      groupSlots[group] = members.getKey();
      groupLeaves[group] = tree.guard(tree.root());
      groupRules[group] = members.getValue().stream().mapToInt(Integer::intValue).toArray();
      group++;
    }
    this.startIndex = StartConditionIndex.of(groupLeaves);
    this.keySync = new KeySync(orderedRules, keys, freshStarts, sparseKeys);
    this.dropped = new SharedCount[ordered.size()];
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] = new SharedCount();
    }
  }

  /** A matcher of {@code rules} with Flink CEP's semantics: no limit on partial matches. */
  public static Matcher of(Collection<CompiledRule> rules) {
    return of(rules, Integer.MAX_VALUE);
  }

  /**
   * A matcher of {@code rules} that keeps at most {@code maxPartialMatchesPerRule} started partial
   * matches per rule and key, counting the matches its skip strategy holds back: after an event,
   * the oldest partial matches (by start event) beyond it are dropped and counted ({@link
   * #partialMatchesDropped}), and the held matches that waited only for them are emitted. Flink
   * CEP has no such limit, and a rule without a window whose partial matches multiply (a looping
   * group with {@code followedByAny}) can hold millions for one key after a few dozen events,
   * until the job runs out of memory; the limit trades those partial matches for the job.
   */
  public static Matcher of(Collection<CompiledRule> rules, int maxPartialMatchesPerRule) {
    return of(rules, maxPartialMatchesPerRule, rule -> true);
  }

  /**
   * {@link #of(Collection, int)}, returning timeouts only for the rules {@code timeoutsWanted}
   * accepts (asked once per rule, here). For the others a partial match whose window closes is
   * dropped as before, with no {@link Match} made for it: Flink CEP's NFA makes none either when
   * the pattern's function does not handle timed-out partial matches, and a host that would throw
   * them away should not pay for walking their paths. Everything else, state included, is the
   * same.
   */
  public static Matcher of(Collection<CompiledRule> rules, int maxPartialMatchesPerRule,
      Predicate<RuleKey> timeoutsWanted) {
    return of(rules, maxPartialMatchesPerRule, timeoutsWanted, rules.size() > SPARSE_ABOVE);
  }

  /** {@link #of(Collection, int, Predicate)} with the keys' layout chosen (tests). */
  static Matcher of(Collection<CompiledRule> rules, int maxPartialMatchesPerRule,
      Predicate<RuleKey> timeoutsWanted, boolean sparseKeys) {
    Objects.requireNonNull(timeoutsWanted, "timeoutsWanted");
    if (maxPartialMatchesPerRule < 1) {
      throw new IllegalArgumentException(
          "maxPartialMatchesPerRule must be at least 1, got " + maxPartialMatchesPerRule);
    }
    TreeMap<RuleKey, CompiledRule> byKey = new TreeMap<>();
    for (CompiledRule rule : rules) {
      if (byKey.put(rule.key(), rule) != null) {
        throw new IllegalArgumentException("rule " + rule.key() + " given twice");
      }
    }
    return new Matcher(byKey, maxPartialMatchesPerRule, timeoutsWanted, sparseKeys);
  }

  /**
   * The matcher's memo slot of the condition a start state's decision tree {@code tree} asks first
   * when its answer false leads to moves that take nothing, else -1 (see {@link #groupRules}).
   */
  private static int idleUnless(DecisionTree tree, int[] memoSlots) {
    if (tree == null || tree.root() < 0) {
      return -1;
    }
    int whenFalse = tree.next(tree.root(), false);
    if (whenFalse >= 0) {
      return -1;
    }
    Moves moves = tree.leaf(~whenFalse);
    for (int i = 0, n = moves.size(); i < n; i++) {
      if (moves.edge(i).action() != Action.IGNORE) {
        return -1;
      }
    }
    return memoSlots[tree.slot(tree.root())];
  }

  /**
   * How long after its last take a partial match of {@code nfa} has surely closed its window, or -1
   * when a closing window can emit a match (a trailing negation waits in a pending state).
   */
  private static long quietExpiry(Nfa nfa) {
    long longest = nfa.windowTime();
    for (State state : nfa.states()) {
      if (state.isPending()) {
        return -1L;
      }
      longest = Math.max(longest, state.previousWindow());
    }
    return longest;
  }

  /**
   * When a host must next call {@link #advanceTime} for {@code state}, or {@link Long#MAX_VALUE}
   * when never: the earliest {@link KeyState#nextDeadline() deadline} at which something is
   * returned (a timeout this matcher makes, a trailing negation's match, a match held back behind
   * an earlier partial match); for the other rules, the time by which all of their partial matches
   * have closed their windows, so that the state can be cleared then.
   *
   * <p>Between the two, partial matches whose windows closed unobserved stay in the state: every
   * {@link #process} advances time first, so they never take an event, and nothing returned
   * differs from a host firing at every deadline. A key whose user goes idle then costs one timer
   * instead of one per rule and partial match. A state last used with another matcher gets its
   * {@link KeyState#nextDeadline()}.
   */
  public long nextTimer(KeyState state) {
    if (state.syncedWith != this) {
      return state.nextDeadline();
    }
    long observed = Long.MAX_VALUE;
    long cleared = Long.MIN_VALUE;
    long last = state.lastEventTimestamp;
    // an idle rule has no deadline
    for (int w = 0, n = state.busyWords(); w < n; w++) {
      for (long word = state.busyWord(w); word != 0; word &= word - 1) {
        int i = (w << 6) + Long.numberOfTrailingZeros(word);
        long deadline = state.deadline(i);
        if (deadline == Long.MAX_VALUE) {
          continue;
        }
        long expiry = quietExpiry[i];
        if (expiry < 0 || state.holdsMatches(i)) {
          observed = Math.min(observed, deadline);
        } else {
          // every partial match took its last event at or before the key's last event
          long closed = last > Long.MAX_VALUE - expiry ? deadline : last + expiry;
          cleared = Math.max(cleared, Math.max(deadline, closed));
        }
      }
    }
    return Math.min(observed, cleared == Long.MIN_VALUE ? Long.MAX_VALUE : cleared);
  }

  /**
   * How many event-only conditions this matcher remembers per event: the distinct ones of all its
   * rules, a condition its rules share counted once (for tests of that sharing).
   */
  int memoizedConditions() {
    return memoSize;
  }

  /** How this matcher finds the rules an event may start; see {@link StartConditions}. */
  public StartConditions startConditions() {
    int visitedAlways = 0;
    for (long word : ungroupedRules) {
      visitedAlways += Long.bitCount(word);
    }
    return new StartConditions(keys.length, groupRules.length, startIndex.groupsByField(),
        startIndex.askedAlways().length, visitedAlways);
  }

  /** Partial matches of {@code rule} this matcher dropped over the limit so far, over all keys. */
  public long partialMatchesDropped(RuleKey rule) {
    int at = Arrays.binarySearch(keys, rule); // hosts ask for every rule per event or timer
    return at < 0 ? 0 : dropped[at].sum();
  }

  /**
   * The partial matches of {@code rule} dropped over the limit since the last call, for a host's
   * counter: each drop is taken once, whichever of the threads sharing this matcher asks.
   */
  public long takeUnreportedPartialMatchesDropped(RuleKey rule) {
    int at = Arrays.binarySearch(keys, rule);
    return at < 0 ? 0 : dropped[at].takeUnreported();
  }

  /** The rules in RuleKey order, the order their results are emitted in. */
  public Collection<CompiledRule> rules() {
    return ordered;
  }

  /**
   * Feeds one event to every rule. Like Flink's CepOperator, time first advances to {@code
   * timestamp} (once per timestamp: not again for further events of the same timestamp), so the
   * result may start with matches of trailing {@code notFollowedBy} steps and timeouts (per rule:
   * matches, then timeouts), followed by the matches this event completes.
   * Partial matches of rule versions not in this matcher are dropped from {@code state}; a rule
   * version new to {@code state} starts with no partial match.
   *
   * @return the results in Flink CEP's emission order per rule, rules in RuleKey order
   */
  public List<Match> process(KeyState state, Event event, long timestamp) {
    List<Match> out = new ArrayList<>(0);
    process(state, event, timestamp, out);
    return out;
  }

  /**
   * {@link #process(KeyState, Event, long)}, appending the results to {@code out}: a host that
   * reuses one list makes no list per event (two objects on every event that has a result).
   */
  public void process(KeyState state, Event event, long timestamp, List<Match> out) {
    RunScratch scratch = RunScratch.current();
    keySync.sync(state, scratch.rule, this);
    state.touch(event);
    if (timestamp > state.clock) {
      // as Flink's CepOperator: time advances once per timestamp, before its first event, so
      // events sharing a timestamp all see the partial matches the earlier ones left
      advance(state, timestamp, out, scratch);
      state.clock = timestamp;
    }
    EventId id = state.nextEventId(timestamp);
    scratch.beginEvent(memoSize);
    long[] visited = rulesToVisit(state, id, event, scratch);
    RuleState ruleState = scratch.rule;
    for (int w = 0; w < visited.length; w++) {
      for (long word = visited[w]; word != 0; word &= word - 1) {
        int i = (w << 6) + Long.numberOfTrailingZeros(word);
        CompiledRule rule = orderedRules[i];
        ComputationState freshStart = freshStarts[i];
        if (state.isIdle(i, freshStart)) {
          if (NfaRun.staysIdle(memoSlots[i], freshStart, id, event, scratch)) {
            continue; // nothing to read or write back
          }
        } else {
          NfaRun.beginCall(memoSlots[i], id, scratch);
          if (!state.holdsMatches(i) && NfaRun.ignores(state, i, freshStart, event, scratch)) {
            continue; // every partial match stays as it was
          }
        }
        state.load(i, ruleState);
        if (NfaRun.process(
            rule.automaton(), rule.key(), ruleState, freshStart, id, event, out, scratch)) {
          if (ruleState.size() + ruleState.heldMatchCount() > maxPartialMatchesPerRule) {
            dropped[i].add(NfaRun.keepWithin(rule.automaton(), rule.key(), ruleState,
                maxPartialMatchesPerRule, timestamp, out));
          }
          ruleState.deadline = NfaRun.deadline(rule.automaton(), ruleState);
        }
        keySync.store(state, i, ruleState);
      }
    }
    state.packIfOutgrown();
  }

  /**
   * The rules an event must visit ({@link RuleBits}, in the scratch): the busy ones, those no one
   * condition keeps idle, and the idle ones whose group's condition did not answer false. A
   * condition that threw counts as not false, so that each of its rules counts its own error.
   */
  private long[] rulesToVisit(KeyState state, EventId id, Event event, RunScratch scratch) {
    long[] visited = scratch.visitedRules(state, ungroupedRules);
    PartialMatchContext context = scratch.context;
    context.beginEvent(id.timestamp(), scratch);
    for (int field = 0, fields = startIndex.fieldCount(); field < fields; field++) {
      Object value = event.get(startIndex.field(field));
      visitIfAsked(startIndex.groupsMeeting(field, value), visited, context, event);
      visitIfAsked(startIndex.groupsUnsure(field, value), visited, context, event);
    }
    visitIfAsked(startIndex.askedAlways(), visited, context, event);
    return visited;
  }

  /** Adds to {@code visited} the rules of those of {@code groups} whose condition is not false. */
  private void visitIfAsked(int[] groups, long[] visited, PartialMatchContext context,
      Event event) {
    for (int group : groups) {
      if (context.answerUncounted(groupLeaves[group], groupSlots[group], event)
          != PartialMatchContext.FALSE) {
        for (int rule : groupRules[group]) {
          RuleBits.add(visited, rule);
        }
      }
    }
  }

  /**
   * Moves the key's clock to {@code timestamp}: partial matches whose window closed before it are
   * pruned and returned as {@link Match.Kind#TIMEOUT}; pending trailing-negation matches whose
   * window closed are returned as {@link Match.Kind#MATCH} (per rule: matches first).
   */
  public List<Match> advanceTime(KeyState state, long timestamp) {
    List<Match> out = new ArrayList<>(0);
    advanceTime(state, timestamp, out);
    return out;
  }

  /** {@link #advanceTime(KeyState, long)}, appending the results to {@code out}. */
  public void advanceTime(KeyState state, long timestamp, List<Match> out) {
    RunScratch scratch = RunScratch.current();
    keySync.sync(state, scratch.rule, this);
    state.touchForTime(timestamp);
    advance(state, timestamp, out, scratch);
    state.clock = Math.max(state.clock, timestamp);
    state.packIfOutgrown();
  }

  private void advance(KeyState state, long timestamp, List<Match> out, RunScratch scratch) {
    RuleState ruleState = scratch.rule;
    // an idle rule is never due
    for (int w = 0, n = state.busyWords(); w < n; w++) {
      for (long word = state.busyWord(w); word != 0; word &= word - 1) {
        int i = (w << 6) + Long.numberOfTrailingZeros(word);
        if (state.isDue(i, timestamp)) {
          CompiledRule rule = orderedRules[i];
          state.load(i, ruleState);
          NfaRun.advanceTime(
              rule.automaton(), rule.key(), ruleState, timestamp, timeouts[i], out, scratch);
          ruleState.deadline = NfaRun.deadline(rule.automaton(), ruleState);
          keySync.store(state, i, ruleState);
        }
      }
    }
  }
}

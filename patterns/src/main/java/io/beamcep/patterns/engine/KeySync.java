package io.beamcep.patterns.engine;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.RuleKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Brings a key state to its matcher's rules: drops the state of rules no longer present and starts
 * rules new to the key. Only a key last used with another matcher (or just decoded, or new) needs
 * it; the key remembers its matcher ({@link KeyState#syncedWith}) so the per-event path does no
 * lookups. Immutable, one per matcher; a class of its own so that the matcher stays about running
 * rules.
 */
final class KeySync {
  /** The matcher's rules, in its (RuleKey) order, their keys and their shared fresh starts. */
  private final CompiledRule[] rules;
  private final RuleKey[] keys;
  private final ComputationState[] freshStarts;
  /**
   * What a key with no rules holds once synced, every rule with only its fresh start: the rules'
   * words and the slots, as {@link KeyState#reconcile} and a start per rule lay them out. Shared by
   * each new key until it first writes a rule ({@link KeyState#adopt}); a sparse key reads its
   * idle rules there ({@link KeyState#adoptSparse}).
   */
  private final long[] freshKeyWords;
  private final ComputationState[] freshKeySlots;
  /** Whether keys are laid out sparse ({@link RuleLayout}). */
  private final boolean sparse;
  /** A sparse key's record of its entries while it has none, shared (never written). */
  private final SparseEntries none;
  /** Per rule, the names of its pattern's nodes ({@link RuleState#resolveStates}). */
  private final List<Set<String>> nodeNames;

  KeySync(CompiledRule[] rules, RuleKey[] keys, ComputationState[] freshStarts, boolean sparse) {
    this.rules = rules;
    this.keys = keys;
    this.freshStarts = freshStarts;
    this.sparse = sparse;
    this.nodeNames = Arrays.stream(rules).map(rule -> RuleState.nodeNames(rule.automaton()))
        .toList();
    KeyState template = KeyState.empty();
    syncRuleByRule(template, new RuleState());
    this.freshKeyWords = template.words();
    this.freshKeySlots = template.slots();
    this.none = SparseEntries.none(keys.length, freshKeyWords, freshKeySlots);
  }

  /**
   * Syncs {@code state} with the matcher {@code owner} unless it is already. Each rule held is read
   * into {@code ruleState}, the thread's (the one the rules' loop reads into after it).
   */
  void sync(KeyState state, RuleState ruleState, Object owner) {
    if (state.syncedWith == owner) {
      return;
    }
    if (state.hasNoRules()) {
      if (sparse) {
        state.adoptSparse(keys, none);
      } else {
        state.adopt(keys, freshKeyWords, freshKeySlots);
      }
      state.resetBusy(keys.length);
    } else if (sparse) {
      syncSparse(state, ruleState);
    } else {
      syncRuleByRule(state, ruleState);
    }
    state.syncedWith = owner;
  }

  /** Writes rule {@code rule} back to {@code state}, and whether it is busy now. */
  void store(KeyState state, int rule, RuleState ruleState) {
    state.store(rule, ruleState);
    state.markBusy(rule, !state.isIdle(rule, freshStarts[rule]));
  }

  /**
   * {@link #syncRuleByRule} into a sparse layout: only the rules the key holds more than a fresh
   * start of are read and stored again, every other rule starts afresh without an entry.
   */
  private void syncSparse(KeyState state, RuleState ruleState) {
    int[] held = state.reconcileSparse(keys, none);
    state.resetBusy(keys.length);
    for (int i : held) {
      state.load(i, ruleState);
      carryOver(i, ruleState);
      store(state, i, ruleState); // drops the entry of a rule left with its fresh start alone
    }
  }

  /** Each rule carried over or started, into a dense layout. */
  private void syncRuleByRule(KeyState state, RuleState ruleState) {
    // the key takes this matcher's array of keys (shared, never written: a key's own change makes
    // new arrays), and packs before the fresh starts go in, so new rules need no array of their own
    boolean[] started = state.reconcile(keys);
    state.resetBusy(keys.length);
    for (int i = 0; i < keys.length; i++) {
      state.load(i, ruleState);
      if (started[i]) {
        NfaRun.initialize(ruleState, freshStarts[i]);
      }
      carryOver(i, ruleState);
      store(state, i, ruleState);
    }
  }

  /**
   * Points rule {@code i}'s partial matches at this matcher's automaton. A rule changed under its
   * id and version (a rule row edited in place rather than given a new version) whose new pattern
   * lacks a node its partial matches wait in or took an event for starts afresh for this key, as a
   * new version would: they could not go on, and the key would fail every event ({@link
   * RuleState#resolveStates}). Partial matches whose nodes it still has go on in the new pattern
   * (an edit of a condition keeps them), under its windows.
   */
  private void carryOver(int i, RuleState ruleState) {
    if (!ruleState.resolveStates(rules[i].automaton(), freshStarts[i], nodeNames.get(i))) {
      ruleState.restart(freshStarts[i]); // the matcher's start: its automaton's already
    }
    // the windows are this automaton's: an edit may have changed them, and a rule that an event
    // leaves as it was keeps the deadline it had (a partial match would never time out)
    ruleState.deadline = NfaRun.deadline(rules[i].automaton(), ruleState);
  }
}

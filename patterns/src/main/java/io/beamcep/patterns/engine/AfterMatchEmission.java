package io.beamcep.patterns.engine;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.RuleKey;
import java.util.List;
import java.util.function.Predicate;

/**
 * Flink CEP's emission of completed matches under the after-match skip strategy
 * (NFA.processMatchesAccordingToSkipStrategy): matches leave in start order, each one may only
 * leave once no earlier partial match could still prune it, and each prunes the partial and held
 * matches its strategy names.
 */
final class AfterMatchEmission {
  private AfterMatchEmission() {}

  /** Partial matches past their start: what pruning at or before the newest event removes. */
  private static final Predicate<ComputationState> STARTED =
      ComputationState::started;

  static void emit(
      RuleKey key,
      RuleState state,
      AfterMatch skip,
      PartialMatchQueue potentialMatches,
      PartialMatchQueue partialMatches,
      long detectedAt,
      List<Match> out) {
    if (potentialMatches != null && !potentialMatches.isEmpty()) {
      state.completedMatches().addAll(potentialMatches);
    } else if (!state.hasCompletedMatches()) {
      return;
    }
    PartialMatchQueue completed = state.completedMatches();
    ComputationState earliest = completed.peek();
    boolean skipping = skip.type() != AfterMatchType.NO_SKIP;
    while (earliest != null) {
      if (skipping) {
        // a match may only be emitted once no earlier partial match could still prune it
        ComputationState earliestPartial = partialMatches.peek();
        if (earliestPartial != null
            && ComputationState.ORDER.compare(earliest, earliestPartial) > 0) {
          break;
        }
      }
      completed.poll();
      PathNode pruningNode = pruningNode(skip, earliest);
      prune(skip, pruningNode, -1L, ComputationState.NO_START, partialMatches);
      prune(skip, pruningNode, -1L, ComputationState.NO_START, completed);
      out.add(Match.ofPath(key, Match.Kind.MATCH, earliest, detectedAt));
      earliest = completed.peek();
    }
    state.dropCompletedIfEmpty();
  }

  /**
   * {@link #emit} for the usual case of one completed match and none held
   * back, without building the two queues it would pass through.
   */
  static void emitSingle(RuleKey key, RuleState state, AfterMatch skip,
      ComputationState completed, PartialMatchQueue partialMatches, long timestamp, int rank,
      List<Match> out) {
    if (skip.type() != AfterMatchType.NO_SKIP) {
      ComputationState earliestPartial = partialMatches.peek();
      if (earliestPartial != null
          && ComputationState.ORDER.compare(completed, earliestPartial) > 0) {
        state.completedMatches().add(completed); // an earlier partial match may still prune it
        return;
      }
    }
    prune(skip, pruningNode(skip, completed), timestamp, rank, partialMatches);
    out.add(Match.ofPath(key, Match.Kind.MATCH, completed, timestamp));
  }

  /**
   * Drops the partial matches that started at or before (SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT) or
   * before (SKIP_TO_FIRST / LAST) the pruning id, the id of {@code pruningNode}'s event: Flink's
   * removeAll of them from the queue.
   *
   * @param newestTimestamp with {@code newestRank}: the key's newest event, which no partial match
   *     started after; rank {@link ComputationState#NO_START} when not known. Pruning at or before
   *     it drops every started partial match with no id comparison.
   */
  private static void prune(
      AfterMatch skip, PathNode pruningNode, long newestTimestamp, int newestRank,
      PartialMatchQueue toPrune) {
    if (pruningNode == null) {
      return;
    }
    boolean inclusive = skip.type() == AfterMatchType.SKIP_TO_NEXT
        || skip.type() == AfterMatchType.SKIP_PAST_LAST_EVENT;
    long timestamp = pruningNode.timestamp;
    int rank = pruningNode.rank;
    if (inclusive && rank == newestRank && timestamp == newestTimestamp) {
      toPrune.removeIf(STARTED);
      return;
    }
    toPrune.removeIf(computation -> {
      if (!computation.started()) {
        return false;
      }
      int cmp = computation.compareStartTo(timestamp, rank);
      return inclusive ? cmp <= 0 : cmp < 0;
    });
  }

  /**
   * The node of Flink's pruning id of the match {@code completed} holds: its first event
   * (SKIP_TO_NEXT), its last (SKIP_PAST_LAST_EVENT), or the first / last event of the named pattern
   * (SKIP_TO_FIRST / LAST); null for none.
   */
  private static PathNode pruningNode(AfterMatch skip, ComputationState completed) {
    PathNode newest = completed.path;
    if (newest == null) {
      return null;
    }
    switch (skip.type()) {
      case SKIP_TO_NEXT: {
        PathNode first = newest;
        for (PathNode node = newest; node != null; node = node.before(completed)) {
          first = node;
        }
        return first;
      }
      case SKIP_PAST_LAST_EVENT:
        return newest;
      case SKIP_TO_FIRST:
      case SKIP_TO_LAST:
        String name = skip.patternName().orElseThrow();
        // walked newest first: the last event of the name is met first, its first event last
        PathNode found = null;
        for (PathNode node = newest; node != null; node = node.before(completed)) {
          if (node.pageName.equals(name)) {
            found = node;
            if (skip.type() == AfterMatchType.SKIP_TO_LAST) {
              break;
            }
          }
        }
        return found;
      default:
        return null;
    }
  }
}

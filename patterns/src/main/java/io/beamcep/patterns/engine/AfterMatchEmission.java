package io.beamcep.patterns.engine;

import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.RuleKey;
import java.util.List;

/**
 * Flink CEP's emission of completed matches under the after-match skip strategy
 * (NFA.processMatchesAccordingToSkipStrategy): matches leave in start order, each one may only
 * leave once no earlier partial match could still prune it, and each prunes the partial and held
 * matches its strategy names.
 */
final class AfterMatchEmission {
  private AfterMatchEmission() {}

  /**
   * Emits what may leave of the held and the new completed matches ({@code potentialMatches},
   * null when none), pruning as each leaves.
   */
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
      EventId pruningId = pruningId(skip, earliest);
      prune(skip, pruningId, partialMatches);
      prune(skip, pruningId, completed);
      out.add(Match.ofPath(
          key, Match.Kind.MATCH, earliest.path, earliest.startEventId, detectedAt));
      earliest = completed.peek();
    }
    state.dropCompletedIfEmpty();
  }

  /**
   * {@link #emit} for the usual case of one completed match and none held
   * back, without building the two queues it would pass through.
   */
  static void emitSingle(RuleKey key, RuleState state, AfterMatch skip,
      ComputationState completed, PartialMatchQueue partialMatches, EventId id,
      List<Match> out) {
    if (skip.type() != AfterMatchType.NO_SKIP) {
      ComputationState earliestPartial = partialMatches.peek();
      if (earliestPartial != null
          && ComputationState.ORDER.compare(completed, earliestPartial) > 0) {
        state.completedMatches().add(completed); // an earlier partial match may still prune it
        return;
      }
    }
    prune(skip, pruningId(skip, completed), partialMatches);
    out.add(Match.ofPath(key, Match.Kind.MATCH, completed.path, completed.startEventId,
        id.timestamp()));
  }

  /**
   * Drops the partial matches that started at or before (SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT) or
   * before (SKIP_TO_FIRST / LAST) the pruning id: Flink's removeAll of them from the queue.
   */
  private static void prune(AfterMatch skip, EventId pruningId, PartialMatchQueue toPrune) {
    if (pruningId == null) {
      return;
    }
    boolean inclusive = skip.type() == AfterMatchType.SKIP_TO_NEXT
        || skip.type() == AfterMatchType.SKIP_PAST_LAST_EVENT;
    toPrune.removeStartedBefore(pruningId, inclusive);
  }

  /**
   * Flink's pruning id of the match {@code completed} holds: its first event (SKIP_TO_NEXT), its
   * last (SKIP_PAST_LAST_EVENT), or the first / last event of the named pattern (SKIP_TO_FIRST /
   * LAST).
   */
  private static EventId pruningId(AfterMatch skip, ComputationState completed) {
    PathNode newest = completed.path;
    if (newest == null) {
      return null;
    }
    EventId start = completed.startEventId;
    switch (skip.type()) {
      case SKIP_TO_NEXT:
        return start;
      case SKIP_PAST_LAST_EVENT:
        return newest.id;
      case SKIP_TO_FIRST:
      case SKIP_TO_LAST:
        String name = skip.patternName().orElseThrow();
        // walked newest first: the last event of the name is met first, its first event last
        EventId found = null;
        for (PathNode node = newest; node != null; node = node.before(start)) {
          if (node.pageName.equals(name)) {
            found = node.id;
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

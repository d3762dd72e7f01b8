package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A match built from a path groups its events by the names the path took, whatever shape the
 * matches before it had: shapes are shared between matches (MatchLayouts), never mixed up.
 */
class MatchShapesTest {
  private static final RuleKey RULE = new RuleKey("r", 1);

  /**
   * Every slot of the shared table holds the shape (p, q): one group each of two events, as a path
   * of (x, y) has. The path gets its own names, and a path of (p, q) gets its events right too.
   */
  @Test
  void aPathWhoseShapeIsFiledUnderAnotherKeepsItsOwnNames() {
    MatchLayouts.fillForTest(
        new MatchLayouts.Layout(new String[] {"p", "q"}, new int[] {0, 1, 2}));
    try {
      for (String[] names : List.of(new String[] {"x", "y"}, new String[] {"p", "q"},
          new String[] {"q", "p"})) {
        Match match = Match.ofPath(RULE, Match.Kind.MATCH, path(names), START, 9L);
        assertEquals(expected(names), render(match));
      }
    } finally {
      MatchLayouts.clearForTest();
    }
  }

  /**
   * Two shapes of other sizes filed under one hash (so under the same first slot, as rule 3's
   * matches and rule 1's timeouts were) are both found afterwards: neither pushes the other out.
   */
  @Test
  void twoShapesUnderOneHashAreBothKept() {
    MatchLayouts.clearForTest();
    try {
      int hash = 12345;
      MatchLayouts.remember(
          hash, new String[] {"initial_view", "repeat_view"}, new int[] {0, 1, 4});
      MatchLayouts.remember(hash, new String[] {"first_view"}, new int[] {0, 1});

      assertEquals("[initial_view, repeat_view]",
          Arrays.toString(MatchLayouts.candidate(hash, 2, 4).names()));
      assertEquals("[first_view]", Arrays.toString(MatchLayouts.candidate(hash, 1, 1).names()));
    } finally {
      MatchLayouts.clearForTest();
    }
  }

  /**
   * A looping name between two others, at every length up to 300: more shapes than the table has
   * slots, each with one name run of its own length, and runs that interleave are regrouped.
   */
  @Test
  void everyShapeOfALoopGroupsItsOwnEvents() {
    for (int pass = 0; pass < 2; pass++) {
      for (int loop = 0; loop <= 300; loop++) {
        List<String> names = new ArrayList<>();
        names.add("start");
        for (int i = 0; i < loop; i++) {
          names.add("loop");
        }
        names.add("end");
        String[] array = names.toArray(new String[0]);
        assertEquals(expected(array),
            render(Match.ofPath(RULE, Match.Kind.MATCH, path(array), START, 9L)), "loop " + loop);
      }
      String[] interleaved = {"a", "b", "a", "b", "c"};
      assertEquals("a=0,2 b=1,3 c=4",
          render(Match.ofPath(RULE, Match.Kind.MATCH, path(interleaved), START, 9L)));
    }
  }

  private static final EventId START = new EventId(0, 0);

  /** A path taking one event per name, oldest first, the first at {@link #START}. */
  private static PathNode path(String[] names) {
    PathNode node = null;
    for (int i = 0; i < names.length; i++) {
      EventId id = i == 0 ? START : new EventId(i, 0);
      node = new PathNode(id, Event.of(Map.of("n", (long) i)), names[i], node);
    }
    return node;
  }

  /** What a path of these names must give: each name's event numbers, in first-seen order. */
  private static String expected(String[] names) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      groups.computeIfAbsent(names[i], name -> new ArrayList<>()).add(String.valueOf(i));
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((name, numbers) -> parts.add(name + "=" + String.join(",", numbers)));
    return String.join(" ", parts);
  }

  private static String render(Match match) {
    List<String> parts = new ArrayList<>();
    match.events().forEach((name, events) -> {
      List<String> numbers = new ArrayList<>();
      for (Event event : events) {
        numbers.add(event.get("n").toString());
      }
      parts.add(name + "=" + String.join(",", numbers));
    });
    Map<String, List<Long>> times = match.timestamps();
    match.events().forEach((name, events) -> assertEquals(events.size(), times.get(name).size()));
    return String.join(" ", parts);
  }
}

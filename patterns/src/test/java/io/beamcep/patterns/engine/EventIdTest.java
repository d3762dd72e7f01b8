package io.beamcep.patterns.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.api.Test;

/** EventId's hand-written equality agrees with its order, as the generated one did. */
class EventIdTest {

  @Test
  void idsOfTheSameTimestampAndRankAreEqualAndHashAlike() {
    EventId id = new EventId(1_000L, 2);
    EventId same = new EventId(1_000L, 2);

    assertThat(id.equals(same), is(true));
    assertThat(id.hashCode(), is(same.hashCode()));
    assertThat(id.compareTo(same), is(0));
  }

  @Test
  void idsDifferingInTimestampOrRankAreNotEqual() {
    EventId id = new EventId(1_000L, 2);

    assertThat(id.equals(new EventId(1_000L, 3)), is(false));
    assertThat(id.equals(new EventId(1_001L, 2)), is(false));
    assertThat(id.equals(null), is(false));
    assertThat(id.equals("1000:2"), is(false));
    assertThat(id.compareTo(new EventId(1_000L, 3)), lessThan(0));
    assertThat(id.compareTo(new EventId(999L, 7)), greaterThan(0));
  }
}

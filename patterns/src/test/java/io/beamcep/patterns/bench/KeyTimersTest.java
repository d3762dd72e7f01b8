package io.beamcep.patterns.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bench host's timers: one per key, replaced when set again, fired earliest first. */
class KeyTimersTest {
  private static final class Key extends KeyTimers.Slot {
    final int id;

    Key(int id) {
      this.id = id;
    }
  }

  @Test
  void settingAKeysTimerAgainReplacesIt() {
    KeyTimers<Key> timers = new KeyTimers<>();
    Key a = new Key(1);
    Key b = new Key(2);
    timers.set(a, 50);
    timers.set(b, 30);
    timers.set(a, 10); // earlier
    timers.set(b, 70); // later
    assertThat(timers.size(), equalTo(2));
    assertThat(timers.pollDue(60), equalTo(a));
    assertThat(timers.pollDue(60), nullValue());
    assertThat(timers.pollDue(70), equalTo(b));
    assertThat(timers.size(), equalTo(0));
  }

  @Test
  void neverDeletesAPendingTimer() {
    KeyTimers<Key> timers = new KeyTimers<>();
    Key a = new Key(1);
    timers.set(a, 5);
    timers.set(a, Long.MAX_VALUE);
    timers.set(new Key(2), Long.MAX_VALUE); // deleting what is not pending is a no-op
    assertThat(timers.size(), equalTo(0));
    assertThat(timers.pollDue(Long.MAX_VALUE - 1), nullValue());
  }

  @Test
  void firesWhatAMapOfLatestDeadlinesSaysOverRandomChanges() {
    Random random = new Random(3);
    KeyTimers<Key> timers = new KeyTimers<>();
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add(new Key(i));
    }
    Map<Key, Long> pending = new HashMap<>();
    long now = 0;
    for (int step = 0; step < 50_000; step++) {
      Key key = keys.get(random.nextInt(keys.size()));
      long deadline = random.nextInt(10) == 0 ? Long.MAX_VALUE : now + random.nextInt(1_000);
      timers.set(key, deadline);
      if (deadline == Long.MAX_VALUE) {
        pending.remove(key);
      } else {
        pending.put(key, deadline);
      }
      now += random.nextInt(20);
      long previous = Long.MIN_VALUE;
      for (Key due = timers.pollDue(now); due != null; due = timers.pollDue(now)) {
        long expected = pending.remove(due);
        assertThat(expected <= now, equalTo(true));
        assertThat("earliest first", expected >= previous, equalTo(true));
        previous = expected;
      }
      for (long left : pending.values()) {
        assertThat("a due timer was not fired", left > now, equalTo(true));
      }
      assertThat(timers.size(), equalTo(pending.size()));
    }
  }
}

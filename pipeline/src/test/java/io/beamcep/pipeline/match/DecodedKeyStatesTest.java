package io.beamcep.pipeline.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.engine.KeyState;
import org.junit.jupiter.api.Test;

/** The decoded-state cache serves an entry only for the very array it was stored with. */
class DecodedKeyStatesTest {
  private final KeyState state = KeyState.empty();
  private final byte[] bytes = state.toBytes();

  @Test
  void theSameStoredArrayGetsTheKeptStateOnceThenItIsGone() {
    DecodedKeyStates cache = new DecodedKeyStates(4);
    cache.put("u", bytes, state);
    assertThat(cache.take("u", bytes), is(sameInstance(state)));
    // Taken out while the engine mutates it: a second take decodes.
    assertThat(cache.size(), is(0));
    assertThat(cache.take("u", bytes), is(not(sameInstance(state))));
  }

  @Test
  void anotherArrayWithEqualBytesIsDecodedNotTrusted() {
    DecodedKeyStates cache = new DecodedKeyStates(4);
    cache.put("u", bytes, state);
    assertThat(cache.take("u", bytes.clone()), is(not(sameInstance(state))));
    assertThat(cache.size(), is(0));
  }

  @Test
  void noStoredStateIsAnEmptyStateWhateverWasKept() {
    DecodedKeyStates cache = new DecodedKeyStates(4);
    cache.put("u", bytes, state);
    KeyState none = cache.take("u", null);
    assertThat(none, is(not(sameInstance(state))));
    assertThat(none.isEmpty(), is(true));
  }

  @Test
  void theLeastRecentlyUsedKeyIsEvicted() {
    DecodedKeyStates cache = new DecodedKeyStates(2);
    KeyState v = KeyState.empty();
    KeyState w = KeyState.empty();
    cache.put("u", bytes, state);
    cache.put("v", bytes, v);
    cache.put("w", bytes, w);
    assertThat(cache.size(), is(2));
    assertThat(cache.take("u", bytes), is(not(sameInstance(state))));
    assertThat(cache.take("v", bytes), is(sameInstance(v)));
    assertThat(cache.take("w", bytes), is(sameInstance(w)));
  }

  @Test
  void capacityBelowOneIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new DecodedKeyStates(0));
    assertThat(error.getMessage(), is("capacity must be at least 1, was 0"));
  }
}

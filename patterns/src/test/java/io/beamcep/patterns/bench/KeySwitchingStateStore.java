package io.beamcep.patterns.bench;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Flink's heap keyed state as a CEP operator sees it: map state per state name and per key, the
 * key chosen by {@link #setCurrentKey} before each call, values held by reference (no
 * serialization, as the heap backend). Lets one Flink {@code SharedBuffer} serve every key of a
 * benchmark, the way one operator's buffer does; {@code SharedBufferAccessor.close()} flushes the
 * buffer's caches into the current key's maps, so the key may change between accessors only.
 */
final class KeySwitchingStateStore implements KeyedStateStore {
  private final Map<String, PerKeyMapState<?, ?>> mapStates = new HashMap<>();
  private Object currentKey;

  void setCurrentKey(Object key) {
    currentKey = key;
  }

  /** Drops every map of {@code key}, as a host does when it clears an idle key's state. */
  void removeKey(Object key) {
    mapStates.values().forEach(state -> state.byKey.remove(key));
  }

  /** Number of keys holding at least one non-empty map. */
  int keysWithState() {
    java.util.Set<Object> keys = new java.util.HashSet<>();
    for (PerKeyMapState<?, ?> state : mapStates.values()) {
      state.byKey.forEach((key, map) -> {
        if (!map.isEmpty()) {
          keys.add(key);
        }
      });
    }
    return keys.size();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return (MapState<K, V>)
        mapStates.computeIfAbsent(descriptor.getName(), name -> new PerKeyMapState<K, V>(this));
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    throw unsupported(descriptor.getName());
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    throw unsupported(descriptor.getName());
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    throw unsupported(descriptor.getName());
  }

  @Override
  public <I, A, O> AggregatingState<I, O> getAggregatingState(
      AggregatingStateDescriptor<I, A, O> descriptor) {
    throw unsupported(descriptor.getName());
  }

  private static UnsupportedOperationException unsupported(String name) {
    return new UnsupportedOperationException(
        "the benchmark's state store only holds map state; Flink asked for " + name);
  }

  private static final class PerKeyMapState<K, V> implements MapState<K, V> {
    private final KeySwitchingStateStore store;
    private final Map<Object, Map<K, V>> byKey = new HashMap<>();

    PerKeyMapState(KeySwitchingStateStore store) {
      this.store = store;
    }

    private Map<K, V> reading() {
      Map<K, V> map = byKey.get(store.currentKey);
      return map == null ? Map.of() : map;
    }

    private Map<K, V> writing() {
      return byKey.computeIfAbsent(store.currentKey, key -> new HashMap<>());
    }

    @Override
    public V get(K key) {
      return reading().get(key);
    }

    @Override
    public void put(K key, V value) {
      writing().put(key, value);
    }

    @Override
    public void putAll(Map<K, V> entries) {
      writing().putAll(entries);
    }

    @Override
    public void remove(K key) {
      Map<K, V> map = byKey.get(store.currentKey);
      if (map != null) {
        map.remove(key);
      }
    }

    @Override
    public boolean contains(K key) {
      return reading().containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return writing().entrySet();
    }

    @Override
    public Iterable<K> keys() {
      return writing().keySet();
    }

    @Override
    public Iterable<V> values() {
      return writing().values();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return writing().entrySet().iterator();
    }

    @Override
    public boolean isEmpty() {
      return reading().isEmpty();
    }

    @Override
    public void clear() {
      byKey.remove(store.currentKey);
    }
  }
}

package io.beamcep.patterns.yardstick;

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
 * The smallest keyed state store Flink's {@code SharedBuffer} runs on: heap maps per state name
 * and per key, no serialization. The key is the one last given to {@link #setCurrentKey} (one
 * fixed key until then), as an operator's keyed backend switches keys between elements; Flink's
 * {@code SharedBufferAccessor.close()} flushes the buffer's caches into the current key, so the
 * key may change between accessors only. Objects are returned by reference, exactly as Flink's
 * heap state backend does, so in-place updates of buffer entries behave the same. SharedBuffer
 * 1.19 only asks for map state; anything else is refused loudly rather than faked.
 */
public final class InMemoryKeyedStateStore implements KeyedStateStore {
  private static final Object SINGLE_KEY = new Object();

  private final Map<String, HeapMapState<?, ?>> mapStates = new HashMap<>();
  private Object currentKey = SINGLE_KEY;

  /** Selects whose maps the states read and write from now on. */
  public void setCurrentKey(Object key) {
    currentKey = key;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return (MapState<K, V>)
        mapStates.computeIfAbsent(descriptor.getName(), name -> new HeapMapState<K, V>(this));
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
        "the yardstick's state store only holds map state; Flink asked for " + name);
  }

  /** One map state: a map per key, made on the first write of that key. */
  private static final class HeapMapState<K, V> implements MapState<K, V> {
    private final InMemoryKeyedStateStore store;
    private final Map<Object, Map<K, V>> byKey = new HashMap<>();

    HeapMapState(InMemoryKeyedStateStore store) {
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

    // the views may be modified through (SharedBuffer removes old counters by iterator)
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

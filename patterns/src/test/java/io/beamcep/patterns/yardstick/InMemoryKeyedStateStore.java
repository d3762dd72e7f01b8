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
 * The smallest keyed state store Flink's {@code SharedBuffer} runs on: one key, heap maps, no
 * serialization. Objects are returned by reference, exactly as Flink's heap state backend does,
 * so in-place updates of buffer entries behave the same. SharedBuffer 1.19 only asks for map
 * state; anything else is refused loudly rather than faked.
 */
final class InMemoryKeyedStateStore implements KeyedStateStore {
  private final Map<String, HeapMapState<?, ?>> mapStates = new HashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return (MapState<K, V>)
        mapStates.computeIfAbsent(descriptor.getName(), name -> new HeapMapState<K, V>());
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

  private static final class HeapMapState<K, V> implements MapState<K, V> {
    private final Map<K, V> map = new HashMap<>();

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void putAll(Map<K, V> entries) {
      map.putAll(entries);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return map.entrySet();
    }

    @Override
    public Iterable<K> keys() {
      return map.keySet();
    }

    @Override
    public Iterable<V> values() {
      return map.values();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return map.entrySet().iterator();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}

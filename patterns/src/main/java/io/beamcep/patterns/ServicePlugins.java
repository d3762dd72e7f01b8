package io.beamcep.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The implementations of a plugin interface that a class loader lists as Java services. */
public final class ServicePlugins {
  private ServicePlugins() {}

  /**
   * Every {@code type} that {@code plugins} lists, made.
   *
   * @throws IllegalStateException when a listed one cannot be loaded or made, saying which
   */
  public static <T> List<T> load(Class<T> type, ClassLoader plugins, String what) {
    List<T> found = new ArrayList<>();
    try {
      for (T plugin : ServiceLoader.load(type, plugins)) {
        found.add(plugin);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("cannot load " + what + ": " + e.getMessage(), e);
    }
    return found;
  }
}

package io.beamcep.runners.cluster;

import io.beamcep.patterns.condition.ConditionPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A jar of one condition plugin class and the services file listing it, as a user ships one. */
final class PluginJar {
  private PluginJar() {}

  /** Writes {@code jar} with {@code plugin}'s class file (a top-level class) and its listing. */
  static Path write(Path jar, Class<? extends ConditionPlugin> plugin) throws IOException {
    String classFile = plugin.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream bytes = plugin.getClassLoader().getResourceAsStream(classFile)) {
      if (bytes == null) {
        throw new IOException("no class file " + classFile + " on the test class path");
      }
      out.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(out);
      out.closeEntry();
      out.putNextEntry(new JarEntry("META-INF/services/" + ConditionPlugin.class.getName()));
      out.write((plugin.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}

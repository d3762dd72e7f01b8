package io.beamcep.runners.cli;

import io.beamcep.pipeline.CepPipelineOptions;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;

/**
 * The pipeline options of a command line in the one form Beam parses, {@code --name=value}. Users
 * type {@code --jdbcUrl URL} as every other option of cep takes its value, so a name and the value
 * after it are joined. A name alone is refused unless its option is a boolean ({@code
 * --usingEventTime}): Beam reads a bare name as "true", so {@code --jdbcUrl} followed by another
 * option would run the job against a database named "true".
 */
public final class PipelineArgs {
  private PipelineArgs() {}

  /** {@code args} as {@code --name=value} arguments; a usage error names any it cannot read. */
  public static List<String> normalized(CommandLine cli, List<String> args) {
    Set<String> booleans = booleanOptions();
    List<String> joined = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new CommandLine.ParameterException(cli, "pipeline options are written --name=value "
            + "or --name value, got '" + arg + "'");
      }
      if (arg.contains("=")) {
        joined.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String next = i + 1 < args.size() ? args.get(i + 1) : null;
      boolean valueFollows = next != null && !next.startsWith("--");
      if (booleans.contains(name)) {
        if (valueFollows && !next.equalsIgnoreCase("true") && !next.equalsIgnoreCase("false")) {
          throw new CommandLine.ParameterException(cli, arg + " is true or false (or alone, for "
              + "true), got '" + next + "'");
        }
        joined.add(arg + "=" + (valueFollows ? args.get(++i).toLowerCase(Locale.ROOT) : "true"));
      } else if (valueFollows) {
        // an unknown name too: Beam then refuses it by name, with the option it may have meant
        joined.add(arg + "=" + args.get(++i));
      } else {
        throw new CommandLine.ParameterException(cli, arg + " needs a value: " + arg + "=VALUE"
            + " or " + arg + " VALUE");
      }
    }
    return joined;
  }

  /** The names of the boolean options of every options interface Beam knows, ours included. */
  private static Set<String> booleanOptions() {
    PipelineOptionsFactory.register(CepPipelineOptions.class);
    Set<String> names = new HashSet<>();
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method getter : options.getMethods()) {
        Class<?> type = getter.getReturnType();
        String name = getter.getName();
        if (getter.getParameterCount() == 0 && (type == boolean.class || type == Boolean.class)) {
          if (name.startsWith("get") && name.length() > 3) {
            names.add(Introspector.decapitalize(name.substring(3)));
          } else if (name.startsWith("is") && name.length() > 2) {
            names.add(Introspector.decapitalize(name.substring(2)));
          }
        }
      }
    }
    return names;
  }
}

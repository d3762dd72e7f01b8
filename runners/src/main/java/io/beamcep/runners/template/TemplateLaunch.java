package io.beamcep.runners.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.runners.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A template plus the user's {@code k=v} parameters, checked before anything starts: unknown
 * names, missing required ones and values that do not match the template's regexes are errors.
 */
public final class TemplateLaunch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String templateName;
  private final JsonNode metadata;

  private TemplateLaunch(String templateName, JsonNode metadata) {
    this.templateName = templateName;
    this.metadata = metadata;
  }

  /** A published template by name (kafka-to-alerts, file-replay, match) or a metadata file. */
  public static TemplateLaunch load(String nameOrFile) {
    String resource = "/templates/" + nameOrFile + ".json";
    try (InputStream published = TemplateLaunch.class.getResourceAsStream(resource)) {
      if (published != null) {
        return new TemplateLaunch(nameOrFile, JSON.readTree(published));
      }
    } catch (IOException e) {
      throw new UserError("template " + nameOrFile + ": " + e.getMessage(), e);
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          "template '" + nameOrFile + "' is neither a published template ("
              + String.join(", ", TemplateShapes.ALL.stream().map(TemplateShape::name).toList())
              + ") nor a readable file");
    }
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      if (!tree.path("parameters").isArray()) {
        throw new UserError("template file " + file + ": no 'parameters' array");
      }
      return new TemplateLaunch(tree.path("name").asText(file.getFileName().toString()), tree);
    } catch (IOException e) {
      throw new UserError("template file " + file + ": not valid JSON: " + firstLine(e), e);
    }
  }

  /**
   * Pipeline arguments ({@code --name=value}) for the given parameters: the shape's fixed options
   * first, then the user's. Throws a {@link UserError} listing every problem at once.
   */
  public List<String> pipelineArgs(List<String> params) {
    Map<String, String> given = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        problems.add("parameter '" + param + "' is not name=value");
        continue;
      }
      given.put(param.substring(0, eq), param.substring(eq + 1));
    }
    Map<String, JsonNode> declared = new LinkedHashMap<>();
    metadata.path("parameters").forEach(p -> declared.put(p.path("name").asText(), p));
    for (String name : given.keySet()) {
      if (!declared.containsKey(name)) {
        problems.add("unknown parameter '" + name + "' (known: "
            + String.join(", ", declared.keySet()) + ")");
      }
    }
    for (JsonNode parameter : declared.values()) {
      String name = parameter.path("name").asText();
      String value = given.get(name);
      if (value == null) {
        if (!parameter.path("isOptional").asBoolean(false)) {
          problems.add("missing required parameter '" + name + "': "
              + parameter.path("helpText").asText());
        }
        continue;
      }
      for (JsonNode regex : parameter.path("regexes")) {
        if (!Pattern.compile(regex.asText()).matcher(value).matches()) {
          problems.add("parameter '" + name + "' = '" + value + "' does not match "
              + regex.asText());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UserError("template " + templateName + ": " + String.join("; ", problems));
    }
    List<String> args = new ArrayList<>();
    TemplateShapes.named(templateName)
        .ifPresent(shape -> shape.fixed().forEach((k, v) -> args.add("--" + k + "=" + v)));
    given.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args;
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

package io.beamcep.runners.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Renders a {@link TemplateShape} in the Flex Template metadata schema. */
public final class TemplateMetadata {
  private TemplateMetadata() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static String render(TemplateShape shape) {
    return render(shape, OptionDocs.forTemplates());
  }

  static String render(TemplateShape shape, Map<String, OptionDoc> docs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", shape.name());
    root.put("description", shape.description());
    root.put("streaming", shape.streaming());
    ArrayNode parameters = root.putArray("parameters");
    for (String name : shape.parameters()) {
      OptionDoc doc = docs.get(name);
      if (doc == null) {
        throw new IllegalStateException(
            "template " + shape.name() + " lists '" + name + "', which no option documents");
      }
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", name);
      parameter.put("label", doc.label());
      String help = doc.description();
      if (doc.defaultValue() != null && !doc.defaultValue().isEmpty()) {
        help += " Default: " + doc.defaultValue() + ".";
      }
      List<String> valuesHere = shape.valuesHere().get(name);
      List<String> shapes = doc.regexes();
      if (valuesHere != null) {
        help += " This template takes only: " + String.join(", ", valuesHere) + ".";
        shapes = List.of(ValueShapes.oneOf(valuesHere));
      }
      parameter.put("helpText", help);
      parameter.put("isOptional", !(doc.required() || shape.requiredHere().contains(name)));
      if (!shapes.isEmpty()) {
        ArrayNode regexes = parameter.putArray("regexes");
        shapes.forEach(regexes::add);
      }
    }
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      return JSON.writer(printer).writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

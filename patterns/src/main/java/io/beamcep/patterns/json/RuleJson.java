package io.beamcep.patterns.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes rules in the reference system's format (dynamic Flink CEP's pattern JSON).
 *
 * <p>Every problem surfaces as a {@link RuleException} naming the rule's id and version and the
 * JSON path of the bad spot relative to the rule row ({@code $.pattern.nodes[1].quantifier...}).
 * Unknown keys are ignored, as the reference's Jackson setup does; duplicate keys are rejected,
 * since one of the two values would otherwise be silently dropped.
 */
public final class RuleJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String PATTERN_PATH = "$.pattern";

  private RuleJson() {}

  /**
   * Parses one rule from its database columns.
   *
   * @param patternJsonText the pattern column: a JSON object as text, or a JSON string holding
   *     that text (double-encoded, as some tools write it)
   * @param function the function column; may be null
   */
  public static Rule parseRule(String id, int version, String patternJsonText, String function) {
    if (id == null || id.isBlank()) {
      throw new RuleException(id, version, "$.id", "a rule needs a non-empty id");
    }
    Fields fields = new Fields(id, version);
    if (patternJsonText == null || patternJsonText.isBlank()) {
      throw fields.error(PATTERN_PATH, "the pattern is empty");
    }
    JsonNode pattern =
        unwrapString(read(patternJsonText, fields, PATTERN_PATH), fields, PATTERN_PATH);
    return new Rule(
        id, version, new GraphReader(fields).readPattern(pattern, PATTERN_PATH), function);
  }

  /** Parses a JSON array of rule rows {@code {id, version, pattern, function}}. */
  public static List<Rule> parseRuleRows(String jsonArrayText) {
    Fields unnamed = new Fields(null, null);
    if (jsonArrayText == null) {
      throw unnamed.error("$", "no rule rows given");
    }
    JsonNode rows = read(jsonArrayText, unnamed, "$");
    if (!rows.isArray()) {
      throw unnamed.error("$", "expected an array of rule rows but found " + Fields.describe(rows));
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      try {
        rules.add(parseRuleRow(rows.get(i)));
      } catch (RuleException e) {
        if (e.ruleId() != null) {
          throw e;
        }
        // Without an id the row can only be found by its position in the file.
        throw e.withReasonPrefix("row " + i + ": ");
      }
    }
    return rules;
  }

  /** Parses one rule row object; {@code pattern} may be an object or a string holding one. */
  public static Rule parseRuleRow(JsonNode row) {
    Fields unnamed = new Fields(null, null);
    unnamed.requireObject(row, "$");
    // the columns are independent: a bad id or version does not hide the pattern's problems
    List<RuleException> problems = new ArrayList<>();
    String id = null;
    try {
      id = ruleId(row, unnamed);
    } catch (RuleException e) {
      problems.add(e);
    }
    Integer version = null;
    if (row.get("version") != null && row.get("version").isIntegralNumber()) {
      version = row.get("version").canConvertToInt() ? row.get("version").intValue() : null;
    }
    Fields fields = new Fields(id, version);
    Integer checkedVersion = null;
    String function = null;
    Graph graph = null;
    try {
      checkedVersion = fields.requireInt(row, "version", "$.version");
    } catch (RuleException e) {
      problems.add(e);
    }
    try {
      function = fields.optionalText(row, "function", "$.function");
    } catch (RuleException e) {
      problems.add(e);
    }
    try {
      graph = readRowPattern(row, fields);
    } catch (RuleException e) {
      problems.add(e);
    }
    if (!problems.isEmpty()) {
      throw RuleException.all(problems);
    }
    return new Rule(id, checkedVersion, graph, function);
  }

  private static Graph readRowPattern(JsonNode row, Fields fields) {
    if (Fields.isMissing(row, "pattern")) {
      throw fields.error(PATTERN_PATH, "missing required key 'pattern'");
    }
    JsonNode pattern = row.get("pattern");
    if (pattern.isTextual()) {
      if (pattern.textValue().isBlank()) {
        throw fields.error(PATTERN_PATH, "the pattern is empty");
      }
      pattern = unwrapString(read(pattern.textValue(), fields, PATTERN_PATH), fields, PATTERN_PATH);
    }
    return new GraphReader(fields).readPattern(pattern, PATTERN_PATH);
  }

  /** The pattern in the reference's JSON format, compact; {@code parseRule} reads it back equal. */
  public static String toJson(Graph pattern) {
    return GraphWriter.graph(pattern).toString();
  }

  /** The same as {@link #toJson(Graph)}, indented for people. */
  public static String toPrettyJson(Graph pattern) {
    try {
      return PRETTY.writeValueAsString(GraphWriter.graph(pattern));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A rule row {@code {id, version, pattern, function}} with the pattern as an object. */
  public static String toRowJson(Rule rule) {
    var row = MAPPER.createObjectNode();
    row.put("id", rule.id());
    row.put("version", rule.version());
    row.set("pattern", GraphWriter.graph(rule.pattern()));
    row.put("function", rule.function());
    return row.toString();
  }

  private static String ruleId(JsonNode row, Fields unnamed) {
    JsonNode id = row.get("id");
    if (id == null || id.isNull()) {
      throw unnamed.error("$.id", "missing required key 'id'");
    }
    // The reference's id column is varchar, but hand-written files often give a number.
    if (id.isIntegralNumber()) {
      return id.asText();
    }
    if (!id.isTextual()) {
      throw unnamed.error("$.id", "expected a string but found " + Fields.describe(id));
    }
    if (id.textValue().isBlank()) {
      throw unnamed.error("$.id", "'id' must not be empty");
    }
    return id.textValue();
  }

  private static JsonNode read(String text, Fields fields, String path) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw fields.error(path, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** A pattern stored as a JSON string holding the pattern object (double-encoded). */
  private static JsonNode unwrapString(JsonNode json, Fields fields, String path) {
    if (json.isTextual()) {
      return read(json.textValue(), fields, path);
    }
    return json;
  }
}

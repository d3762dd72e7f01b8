package io.beamcep.pipeline.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.io.TextFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * A fixed rule set, chosen once at pipeline construction with the same rules as {@link JdbcRules}
 * (highest valid version per id). For tests and for one-off runs over a rules file.
 */
public final class StaticRules extends PTransform<PBegin, RulesResult> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActiveRules.Selection selection;

  private StaticRules(ActiveRules.Selection selection) {
    this.selection = selection;
  }

  public static StaticRules of(List<RuleRow> rows) {
    return of(rows, RuleValidator.engine());
  }

  public static StaticRules of(List<RuleRow> rows, RuleValidator validator) {
    return new StaticRules(ActiveRules.select(rows, validator));
  }

  /**
   * Rules from a JSON array of rows {@code {id, version, pattern, function}}.
   *
   * @throws IllegalStateException naming the file as {@link #jsonRows} does, or a row without its
   *     id, version or pattern: the file is bad input, as a refused rule in it is, not a wrong
   *     option
   */
  public static StaticRules fromFile(Path file) {
    String what = "rules file " + file;
    try {
      return of(ruleRows(jsonRows(file), what));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  /**
   * The rows of the rules file {@code file} as JSON trees, so that a caller checking them can name
   * every bad row rather than the first ({@code cep rules validate}).
   *
   * @throws IllegalStateException naming the file when it does not exist, cannot be read, is not
   *     JSON (with the line and column where it broke) or is not an array
   */
  public static List<JsonNode> jsonRows(Path file) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("rules file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read rules file " + file + ": " + e.getMessage(), e);
    }
    try {
      return arrayRows(text, "rules file " + file);
    } catch (IllegalArgumentException e) {
      // without the parser's exception, whose own text repeats the place with a note on sources
      throw new IllegalStateException(e.getMessage());
    }
  }

  /**
   * Reads rule rows from JSON text; {@code pattern} may be an object or a string holding one (as
   * the database stores it). Malformed rows are refused with their index.
   */
  public static List<RuleRow> parseRows(String jsonArray) {
    return ruleRows(arrayRows(jsonArray, "rules JSON"), "rules JSON");
  }

  /** The elements of the JSON array {@code json}; errors say {@code what} the text is. */
  private static List<JsonNode> arrayRows(String json, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(what + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(
          what + " must hold a JSON array of rule rows {id, version, pattern, function}");
    }
    List<JsonNode> rows = new ArrayList<>();
    root.forEach(rows::add);
    return rows;
  }

  /** {@code rows} as rule rows, the first without its id, version or pattern refused. */
  private static List<RuleRow> ruleRows(List<JsonNode> rows, String what) {
    List<RuleRow> ruleRows = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      JsonNode id = row.get("id");
      JsonNode version = row.get("version");
      JsonNode pattern = row.get("pattern");
      if (id == null || id.isNull() || version == null || !version.canConvertToInt()
          || pattern == null || pattern.isNull()) {
        throw new IllegalArgumentException(
            what + ": rule row " + i + " needs id, an integer version and pattern: " + row);
      }
      JsonNode function = row.get("function");
      ruleRows.add(
          new RuleRow(
              id.asText(),
              version.intValue(),
              pattern.isTextual() ? pattern.textValue() : pattern.toString(),
              function == null || function.isNull() ? null : function.asText()));
    }
    return ruleRows;
  }

  /** The rows the job runs and those refused, in a line ({@link ActiveRules.Selection#summary}). */
  public String summary() {
    return selection.summary();
  }

  /** The rows that were refused, known before the pipeline runs. */
  public List<RuleError> errors() {
    return selection.errors();
  }

  @Override
  public RulesResult expand(PBegin input) {
    RuleSet rules = new RuleSet(1, selection.active());
    PCollection<RuleSet> ruleSets =
        input.apply("Rules", Create.of(rules).withCoder(SerializableCoder.of(RuleSet.class)));
    PCollection<RuleError> errors =
        input.apply(
            "RuleErrors",
            Create.of(selection.errors()).withCoder(SerializableCoder.of(RuleError.class)));
    return new RulesResult(input.getPipeline(), ruleSets, ruleSets.apply(View.asSingleton()),
        errors, RuleSource.fixed(rules));
  }
}

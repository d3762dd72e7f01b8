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
   * @throws IllegalStateException naming the file when it cannot be read, is not JSON (with the
   *     line and column), is not an array of rows, or holds a row without its id, version or
   *     pattern: the file is bad input, as a refused rule in it is, not a wrong option
   */
  public static StaticRules fromFile(Path file) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("rules file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalStateException("rules file " + file + " cannot be read: " + e, e);
    }
    List<RuleRow> rows;
    try {
      rows = parseRows(text, "rules file " + file);
    } catch (IllegalArgumentException e) {
      // without the parser's exception, whose own text repeats the place with a note on sources
      throw new IllegalStateException(e.getMessage());
    }
    return of(rows);
  }

  /**
   * Reads rule rows from JSON text; {@code pattern} may be an object or a string holding one (as
   * the database stores it). Malformed rows are refused with their index.
   */
  public static List<RuleRow> parseRows(String jsonArray) {
    return parseRows(jsonArray, "rules JSON");
  }

  /** {@link #parseRows(String)}, its errors saying {@code what} the text is. */
  private static List<RuleRow> parseRows(String jsonArray, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(jsonArray);
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
    List<RuleRow> rows = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode row = root.get(i);
      JsonNode id = row.get("id");
      JsonNode version = row.get("version");
      JsonNode pattern = row.get("pattern");
      if (id == null || id.isNull() || version == null || !version.canConvertToInt()
          || pattern == null || pattern.isNull()) {
        throw new IllegalArgumentException(
            what + ": rule row " + i + " needs id, an integer version and pattern: " + row);
      }
      JsonNode function = row.get("function");
      rows.add(
          new RuleRow(
              id.asText(),
              version.intValue(),
              pattern.isTextual() ? pattern.textValue() : pattern.toString(),
              function == null || function.isNull() ? null : function.asText()));
    }
    return rows;
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

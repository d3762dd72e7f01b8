package io.beamcep.pipeline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.io.TextFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** Rules from a JSON array of rows {@code {id, version, pattern, function}}. */
  public static StaticRules fromFile(Path file) {
    try {
      return of(parseRows(TextFiles.read(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules file " + file, e);
    }
  }

  /**
   * Reads rule rows from JSON text; {@code pattern} may be an object or a string holding one (as
   * the database stores it). Malformed rows are refused with their index.
   */
  public static List<RuleRow> parseRows(String jsonArray) {
    JsonNode root;
    try {
      root = JSON.readTree(jsonArray);
    } catch (IOException e) {
      throw new IllegalArgumentException("rules file is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("rules file must hold a JSON array of rule rows");
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
            "rule row " + i + " needs id, an integer version and pattern: " + row);
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

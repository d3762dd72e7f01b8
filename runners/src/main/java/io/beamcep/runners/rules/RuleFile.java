package io.beamcep.runners.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.pipeline.rules.StaticRules;
import io.beamcep.runners.UserError;
import java.nio.file.Path;
import java.util.List;

/**
 * A rule file: a JSON array of rule rows {@code {id, version, pattern, function}} (the testdata
 * format). Rows are returned as JSON trees so that one bad row does not hide the others.
 */
public final class RuleFile {
  private RuleFile() {}

  /** The file's rows, read as the job reads its {@code --rulesFile} ({@link StaticRules}). */
  public static List<JsonNode> rows(Path file) {
    try {
      return StaticRules.jsonRows(file);
    } catch (IllegalStateException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}

package io.beamcep.runners.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.pipeline.io.TextFiles;
import io.beamcep.runners.UserError;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule file: a JSON array of rule rows {@code {id, version, pattern, function}} (the testdata
 * format). Rows are returned as JSON trees so that one bad row does not hide the others.
 */
public final class RuleFile {
  private RuleFile() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static List<JsonNode> rows(Path file) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (NoSuchFileException e) {
      throw new UserError("rules file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read rules file " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserError(
          "rules file " + file + " is not valid JSON (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new UserError("rules file " + file + " must hold a JSON array of rule rows "
          + "{id, version, pattern, function}");
    }
    List<JsonNode> rows = new ArrayList<>();
    root.forEach(rows::add);
    return rows;
  }
}

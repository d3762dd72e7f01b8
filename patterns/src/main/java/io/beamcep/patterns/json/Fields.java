package io.beamcep.patterns.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamcep.patterns.RuleException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed access to the keys of one JSON object, turning every kind of wrong input into a {@link
 * RuleException} that names the rule and the exact JSON path. One instance per rule row, so the
 * readers never have to thread the rule's id and version through every call.
 */
final class Fields {
  private final String ruleId;
  private final Integer ruleVersion;

  Fields(String ruleId, Integer ruleVersion) {
    this.ruleId = ruleId;
    this.ruleVersion = ruleVersion;
  }

  String ruleId() {
    return ruleId;
  }

  Integer ruleVersion() {
    return ruleVersion;
  }

  RuleException error(String path, String reason) {
    return new RuleException(ruleId, ruleVersion, path, reason);
  }

  RuleException error(String path, String reason, Throwable cause) {
    return new RuleException(ruleId, ruleVersion, path, reason, cause);
  }

  /** True when the key is absent or JSON null: the reference writes null for "not set". */
  static boolean isMissing(JsonNode object, String key) {
    JsonNode value = object.get(key);
    return value == null || value.isNull();
  }

  JsonNode requireObject(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      throw error(path, "missing required object");
    }
    if (!value.isObject()) {
      throw error(path, "expected an object but found " + describe(value));
    }
    return value;
  }

  /** The array at {@code key}, or null when absent or JSON null. */
  JsonNode optionalArray(JsonNode object, String key, String path) {
    if (isMissing(object, key)) {
      return null;
    }
    JsonNode value = object.get(key);
    if (!value.isArray()) {
      throw error(path, "expected an array but found " + describe(value));
    }
    return value;
  }

  JsonNode requireArray(JsonNode object, String key, String path) {
    JsonNode value = optionalArray(object, key, path);
    if (value == null) {
      throw error(path, "missing required key '" + key + "'");
    }
    return value;
  }

  /** The object at {@code key}, or null when absent or JSON null. */
  JsonNode optionalObject(JsonNode object, String key, String path) {
    if (isMissing(object, key)) {
      return null;
    }
    return requireObject(object.get(key), path);
  }

  String optionalText(JsonNode object, String key, String path) {
    if (isMissing(object, key)) {
      return null;
    }
    JsonNode value = object.get(key);
    if (!value.isTextual()) {
      throw error(path, "expected a string but found " + describe(value));
    }
    return value.textValue();
  }

  /** A required, non-blank string. */
  String requireText(JsonNode object, String key, String path) {
    String text = optionalText(object, key, path);
    if (text == null) {
      throw error(path, "missing required key '" + key + "'");
    }
    if (text.isBlank()) {
      throw error(path, "'" + key + "' must not be empty");
    }
    return text;
  }

  /** A required whole number that fits an int (rejects 3.5, "3", 1e12). */
  int requireInt(JsonNode object, String key, String path) {
    long value = requireLong(object, key, path);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw error(path, "number " + value + " is out of range");
    }
    return (int) value;
  }

  long requireLong(JsonNode object, String key, String path) {
    if (isMissing(object, key)) {
      throw error(path, "missing required key '" + key + "'");
    }
    JsonNode value = object.get(key);
    if (!value.isIntegralNumber()) {
      throw error(path, "expected a whole number but found " + describe(value));
    }
    if (!value.canConvertToLong()) {
      throw error(path, "number " + value.asText() + " is out of range");
    }
    return value.longValue();
  }

  /** An enum constant by its exact name; the message lists the allowed names. */
  <E extends Enum<E>> E requireEnum(JsonNode object, String key, String path, Class<E> type) {
    String name = optionalText(object, key, path);
    if (name == null) {
      throw error(path, "missing required key '" + key + "'; allowed: " + allowed(type));
    }
    return enumValue(name, path, type, "'" + key + "'");
  }

  <E extends Enum<E>> E enumValue(String name, String path, Class<E> type, String what) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw error(path, "unknown " + what + " value '" + name + "'; allowed: " + allowed(type));
  }

  static <E extends Enum<E>> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }

  static String describe(JsonNode value) {
    String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
    String text = value.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return kind + " " + text;
  }
}

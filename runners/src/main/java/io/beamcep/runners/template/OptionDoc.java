package io.beamcep.runners.template;

import java.util.List;

/**
 * One pipeline option as documented by its getter's annotations.
 *
 * @param name the option name as given on the command line ({@code --name=value})
 * @param type the Java type's simple name
 * @param description the {@code @Description} text
 * @param defaultValue the {@code @Default.*} value as text, or null when there is none
 * @param required whether the getter carries {@code @Validation.Required}
 * @param regexes what a valid value looks like, derived from the type and {@link ValueShapes}
 */
public record OptionDoc(
    String name,
    String type,
    String description,
    String defaultValue,
    boolean required,
    List<String> regexes) {

  /** "kafkaBrokers" -> "Kafka brokers": the label a template UI shows. */
  public String label() {
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0) {
        label.append(Character.toUpperCase(c));
      } else if (Character.isUpperCase(c)) {
        boolean acronym = i + 1 < name.length() && Character.isUpperCase(name.charAt(i + 1));
        label.append(' ').append(acronym ? c : Character.toLowerCase(c));
      } else {
        label.append(c);
      }
    }
    return label.toString();
  }
}

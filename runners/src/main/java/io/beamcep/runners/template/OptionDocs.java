package io.beamcep.runners.template;

import io.beamcep.pipeline.CepPipelineOptions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Reads the documentation of a Beam options interface from its getters' annotations: the single
 * source for templates, {@code run --template} validation and the README's tables.
 */
public final class OptionDocs {
  private OptionDocs() {}

  /**
   * The options a template may offer: the job's own, and the runner's {@code
   * checkpointingInterval}, which a streaming job needs to survive a failure. Flink's own text
   * for it says only what it sets, so a template user reads ours.
   */
  public static Map<String, OptionDoc> forTemplates() {
    Map<String, OptionDoc> docs = new LinkedHashMap<>(declaredBy(CepPipelineOptions.class));
    docs.put("checkpointingInterval", new OptionDoc("checkpointingInterval", "Long",
        "FlinkRunner: the interval (ms) between checkpoints, e.g. 60000. A streaming job without "
            + "them is not restarted by Flink after a failure (its default without checkpoints), "
            + "would lose every key's partial matches if it were, and commits no offset of "
            + "--inputTopicGroup.",
        null, false, List.of("^[1-9][0-9]*$")));
    return docs;
  }

  /** The options declared by {@code options} itself (not inherited), in source order. */
  public static Map<String, OptionDoc> declaredBy(Class<?> options) {
    Map<String, OptionDoc> docs = new LinkedHashMap<>();
    List<Method> getters = new ArrayList<>();
    for (Method method : options.getDeclaredMethods()) {
      if (method.getParameterCount() == 0 && propertyName(method) != null) {
        getters.add(method);
      }
    }
    // Reflection order is unspecified and generated files must not churn: list options in the
    // order CepPipelineOptions documents them, any new one last by name.
    getters.sort(Comparator.comparing(OptionDocs::sourceRank).thenComparing(Method::getName));
    for (Method getter : getters) {
      OptionDoc doc = document(getter);
      docs.put(doc.name(), doc);
    }
    return docs;
  }

  private static int sourceRank(Method getter) {
    int rank = SECTION_ORDER.indexOf(propertyName(getter));
    return rank < 0 ? SECTION_ORDER.size() : rank;
  }

  private static final List<String> SECTION_ORDER =
      List.of(
          "source", "kafkaBrokers", "kafkaProperties", "inputTopic", "inputTopicPattern",
          "partitionDiscoveryMs", "inputTopicGroup", "startOffset", "startReadTime", "inputFile",
          "keyFields",
          "timeField", "timeFormat", "usingEventTime", "maxOutOfOrdernessMs", "timeouts",
          "jdbcUrl", "jdbcUser", "jdbcPassword", "jdbcPasswordFile", "tableName",
          "jdbcIntervalMs",
          "checkRulesAtLaunch", "checkServicesAtLaunch", "rulesFile", "sinks", "outputFile",
          "outputWindowSeconds", "outputTopic", "resultTable", "resultJdbcUrl", "resultJdbcUser",
          "resultJdbcPasswordFile", "jdbcSinkMaxRetries", "webhookUrl", "webhookUrlFile",
          "webhookHeadersFile", "webhookMaxRetries", "webhookTimeoutMs", "webhookOnRefusal",
          "webhookDeadLetterTopic", "deadLetterTopic");

  static OptionDoc document(Method getter) {
    String name = propertyName(getter);
    Description description = getter.getAnnotation(Description.class);
    if (description == null || description.value().isBlank()) {
      throw new IllegalStateException(
          getter.getDeclaringClass().getSimpleName() + "." + getter.getName()
              + " has no @Description: templates and the README are generated from it");
    }
    Class<?> type = getter.getReturnType();
    return new OptionDoc(
        name,
        type.getSimpleName(),
        description.value().replaceAll("\\s+", " ").trim(),
        defaultValue(getter),
        getter.isAnnotationPresent(Validation.Required.class),
        regexes(name, type));
  }

  static String propertyName(Method method) {
    String name = method.getName();
    String bare;
    if (name.startsWith("get") && name.length() > 3) {
      bare = name.substring(3);
    } else if (name.startsWith("is") && name.length() > 2) {
      bare = name.substring(2);
    } else {
      return null;
    }
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  private static String defaultValue(Method getter) {
    for (Annotation annotation : getter.getAnnotations()) {
      Class<? extends Annotation> kind = annotation.annotationType();
      if (kind.getEnclosingClass() != Default.class || kind == Default.InstanceFactory.class) {
        continue;
      }
      try {
        Object value = kind.getMethod("value").invoke(annotation);
        if (value instanceof Class<?> cls) {
          return cls.getSimpleName();
        }
        return String.valueOf(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + annotation, e);
      }
    }
    return null;
  }

  private static List<String> regexes(String name, Class<?> type) {
    if (type.isEnum()) {
      String alternatives =
          String.join(
              "|",
              Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
      return List.of("^(" + alternatives + ")$");
    }
    if (type == boolean.class || type == Boolean.class) {
      return List.of("^(true|false)$");
    }
    if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
      return List.of("^[0-9]+$");
    }
    String shape = ValueShapes.BY_OPTION.get(name);
    return shape == null ? List.of() : List.of(shape);
  }
}

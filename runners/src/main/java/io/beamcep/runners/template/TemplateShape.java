package io.beamcep.runners.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One way to launch the job, published as a Flex Template metadata file.
 *
 * @param name file name without {@code .json}
 * @param description what the launch does
 * @param streaming whether the job is unbounded
 * @param fixed options this shape sets itself; the user cannot override them
 * @param parameters the options a user may set, in display order
 * @param requiredHere options that are optional in general but mandatory in this shape
 * @param valuesHere options of which this shape takes only some of their values, with those
 *     values (a value the launch would refuse is not offered)
 */
public record TemplateShape(
    String name,
    String description,
    boolean streaming,
    Map<String, String> fixed,
    List<String> parameters,
    Set<String> requiredHere,
    Map<String, List<String>> valuesHere) {}

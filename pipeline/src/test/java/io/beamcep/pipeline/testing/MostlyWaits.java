package io.beamcep.pipeline.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test method whose cases mostly wait (for a streaming job, the broker, a table's poll) rather
 * than compute: its cases run together with the class's other such cases, up to four at a time
 * (see junit-platform.properties), so their waits overlap on CI's two cores. Only on methods: a
 * class marked so would also run beside other classes, timing-bound ones among them. A case marked
 * so must keep to its own topics, tables, endpoints and folders.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface MostlyWaits {}

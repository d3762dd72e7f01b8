/**
 * The yardstick translation of our rule graphs to Flink CEP 1.19's {@code Pattern} API, shared by
 * the parity tests and {@code cep bench --engine flink-cep}. The only package of patterns that
 * imports Flink (a test checks it); Flink is an optional dependency of patterns, so whoever calls
 * this package brings {@code org.apache.flink:flink-cep} themselves.
 */
package io.beamcep.patterns.flink;

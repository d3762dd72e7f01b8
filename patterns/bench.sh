#!/usr/bin/env bash
# Engine benchmark (JMH): the five seed rules over a synthetic click stream, one thread.
#   patterns/bench.sh                                # 1M events, 50k users, 2x10s warm-up, 3x10s measured,
#                                                    # keys by hash map and by dense index (-p lookup=...)
#   patterns/bench.sh -p events=200000 -wi 1 -i 1    # any JMH option; -h lists them
#   patterns/bench.sh GeneratorBenchmark             # generation speed of the synthetic stream
#   BENCH_MAIN=io.beamcep.patterns.bench.PerRuleCost patterns/bench.sh 200000   # CPU cost per rule
#   BENCH_MAIN=io.beamcep.patterns.bench.FlinkNfaCost patterns/bench.sh 1000000 50000 3   # vs Flink CEP's NFA
#   BENCH_MAIN=io.beamcep.patterns.bench.WorkloadPasses patterns/bench.sh 50000 6   # passes to profile
#   BENCH_MAIN=io.beamcep.patterns.bench.HostFloor patterns/bench.sh 50000 8   # host + state reads, no matching
#   BENCH_MAIN=io.beamcep.patterns.bench.MemoryLatency patterns/bench.sh   # the machine's load latency
#   BENCH_MAIN=io.beamcep.patterns.bench.HandWrittenBound patterns/bench.sh 50000 6   # the seed rules by hand, one array per key
#   BENCH_MAIN=io.beamcep.patterns.bench.IdleRulesCost patterns/bench.sh 500 2   # what each further rule costs per event
#   BENCH_MAIN=io.beamcep.patterns.bench.InputSizeCost patterns/bench.sh 1000 5000   # big rules and events
#   BENCH_JAVA_OPTS="-XX:+UseParallelGC" patterns/bench.sh ...   # extra JVM options for any of these
# Builds patterns and its test classes offline, writes the test classpath to
# target/bench-classpath.txt, then runs io.beamcep.patterns.bench.RunEngineBenchmark, which first
# prints the state left after one pass (keys, partial matches, serialized bytes per key).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=patterns/bench-build.sh
. "$here/bench-build.sh"
bench_build "$here/.."
cd "$here"
snapshot="$(mktemp -d "${TMPDIR:-/tmp}/beamcep-bench.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
classpath="$(bench_snapshot "$here/.." "$snapshot")"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
java -Xms2g -Xmx2g -XX:+AlwaysPreTouch ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  -Dbeamcep.testdata="$here/../testdata" \
  "${BENCH_MAIN:-io.beamcep.patterns.bench.RunEngineBenchmark}" "$@"

#!/usr/bin/env bash
# Cache misses per event of the engine benchmark's workload, counted by valgrind's cachegrind (a
# simulated cache, so a count does not swing with the machine's load as a timing does):
#   patterns/cache-misses.sh                  # 50,000 users, 2 measured passes
#   patterns/cache-misses.sh 500 2            # users, measured passes
#   BENCH_TIMEOUTS=false patterns/cache-misses.sh      # no timeouts made, as the pipeline runs them
#   BENCH_LOOKUP=DENSE_INDEX patterns/cache-misses.sh  # keys by number, without the hash map
#   BENCH_MAIN=io.beamcep.patterns.bench.HandWrittenBound BENCH_JAVA_OPTS=-Dbound.objects=true \
#     patterns/cache-misses.sh                 # another main taking [users] [passes], as bench.sh's
# Runs WorkloadPasses twice side by side under cachegrind, once with 1 pass and once with 1 + N,
# and prints the difference per event of the N passes: the first pass (JIT warm-up, stream
# generation, JVM start) cancels out. The simulated last-level cache is this kind of machine's L3
# (32 MB, 16-way, 64-byte lines); the first level is the host's. The young generation is large
# enough that no collection runs, so the counts are the main thread's (a collection's copying would
# add its own). A simulated cache has no prefetcher: misses on data read in order (the recorded
# stream, freshly allocated objects) count here but mostly cost nothing on a real processor; the
# figure to compare between builds is the read misses of the last level. About 12 minutes on 2
# cores (each pass runs about 60x slower under valgrind); one run at a time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
users="${1:-50000}"
measured="${2:-2}"
command -v valgrind >/dev/null || { echo "cache-misses.sh needs valgrind" >&2; exit 2; }
# shellcheck source=patterns/bench-build.sh
. "$here/bench-build.sh"
bench_build "$here/.."
cd "$here"
out="$(mktemp -d "${TMPDIR:-/tmp}/beamcep-misses.XXXXXX")"
# kept when anything fails, for its logs
trap 'if [ "$?" -eq 0 ]; then rm -rf "$out"; else echo "logs and outputs kept in $out" >&2; fi' EXIT
classpath="$(bench_snapshot "$here/.." "$out")"
run() {
  # the JVM's implicit null checks fault on purpose and catch the signal; under valgrind that
  # crashed the JVM, so they are explicit here (a compare per null check, no memory access)
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
  valgrind --tool=cachegrind --cache-sim=yes --LL=33554432,16,64 --smc-check=all-non-file \
    --cachegrind-out-file="$out/cachegrind.$1" \
    java -XX:+UnlockDiagnosticVMOptions -XX:-ImplicitNullChecks -Xms10g -Xmx10g -Xmn8g \
    -XX:ErrorFile="$out/hs_err_%p.log" -cp "$classpath" -Dbeamcep.testdata="$here/../testdata" \
    -Dbench.timeouts="${BENCH_TIMEOUTS:-true}" -Dbench.lookup="${BENCH_LOOKUP:-HASH_MAP}" \
    ${BENCH_JAVA_OPTS:-} "${BENCH_MAIN:-io.beamcep.patterns.bench.WorkloadPasses}" "$users" "$1" \
    >"$out/log.$1" 2>&1
}
run 1 &
first=$!
run $((1 + measured)) &
all=$!
wait "$first" "$all"
grep -h '^pass' "$out/log.$((1 + measured))"
# the summary line of each output file: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw. Only the last
# level's misses are printed: the JIT compiler works in both runs, not always alike, and its
# first-level misses and instructions did not cancel out (a run gave fewer of them with more
# passes), while its data mostly stays in the last level
python3 - "$out/cachegrind.1" "$out/cachegrind.$((1 + measured))" "$measured" <<'EOF'
import sys

def totals(path):
    with open(path) as f:
        for line in f:
            if line.startswith("summary:"):
                return [int(x) for x in line.split()[1:]]
    raise SystemExit(path + ": no summary line")

one, more, passes = totals(sys.argv[1]), totals(sys.argv[2]), int(sys.argv[3])
events = 1_000_000 * passes
print(f"last-level read misses:  {(more[5] - one[5]) / events:6.2f} per event")
print(f"last-level write misses: {(more[8] - one[8]) / events:6.2f} per event")
EOF

#!/usr/bin/env bash
# Paired passes of two engine builds in one JVM (see PairedPasses): the figure to read on a noisy
# machine, where separate runs of one build differ by a third.
#   patterns/bench-pairs.sh BEFORE_REV [PAIRS]    # e.g. patterns/bench-pairs.sh HEAD~3 12
#   BENCH_USERS=500 patterns/bench-pairs.sh HEAD   # fewer users: every key's state stays in cache
#   BENCH_AFTER_FIRST=true patterns/bench-pairs.sh HEAD   # one run only, the after build's stream generated first
#   BENCH_AFTER_FIRST=false patterns/bench-pairs.sh HEAD  # one run only, the before build's first
#   BENCH_TIMEOUTS=false patterns/bench-pairs.sh HEAD   # no timeouts made, as the pipeline runs the seed rules
# Builds BEFORE_REV in a temporary worktree and this checkout, then runs PAIRS pairs (default 12,
# the first 2 are warm-up) of 1M events / 50k users each: by default twice, once with each build's
# stream generated first, and prints both verdicts last. Which stream is made first moves the
# ratio by up to about 5 % on some machines (session 26: a change that runs the same code read
# 0.944 one way and 0.983 the other), so only a change that wins in both orders has won.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
before_rev="${1:?usage: patterns/bench-pairs.sh BEFORE_REV [PAIRS]}"
pairs="${2:-12}"
before="$(mktemp -d "${TMPDIR:-/tmp}/beamcep-before.XXXXXX")"
trap 'git -C "$root" worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
git -C "$root" worktree add --detach "$before" "$before_rev" >/dev/null
# shellcheck source=patterns/bench-build.sh
. "$here/bench-build.sh"
for checkout in "$before" "$root"; do
  bench_build "$checkout"
done
run_pairs() {
  java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -Dbench.users="${BENCH_USERS:-50000}" \
    -Dbench.afterFirst="$1" -Dbench.timeouts="${BENCH_TIMEOUTS:-true}" \
    -cp "$root/patterns/target/test-classes" -Dbeamcep.testdata="$root/testdata" \
    io.beamcep.patterns.bench.PairedPasses "$before" "$root" "$pairs"
}
if [ -n "${BENCH_AFTER_FIRST:-}" ]; then
  run_pairs "$BENCH_AFTER_FIRST"
  exit
fi
# each run's output goes to the terminal as it comes and to a file, whose verdict lines end it
logs="$(mktemp -d "${TMPDIR:-/tmp}/beamcep-pairs.XXXXXX")"
trap 'rm -rf "$logs"; git -C "$root" worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
for after_first in false true; do
  run_pairs "$after_first" | tee "$logs/$after_first"
done
echo "=== both orders"
grep -hE '^(before|after) build made first|^after / before|^after faster' "$logs/false" "$logs/true"

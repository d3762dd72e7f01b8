#!/usr/bin/env bash
# A long hunt for differences from Flink CEP 1.19: FlinkParityPropertyTest over COUNT seeds from
# FIRST, skipping any seed Flink is still busy with after LIMIT seconds (a random rule with no
# window can keep Flink's NFA busy for minutes; ours finishes such seeds in milliseconds).
#   patterns/parity-hunt.sh FIRST COUNT [LIMIT]     # e.g. patterns/parity-hunt.sh 7000000 3000 60
#   GROUP_DEPTH=3 patterns/parity-hunt.sh ...        # groups nested in groups (RandomPatterns)
# Every seed's outcome goes to patterns/target/parity-hunt-FIRST.log as it happens, so a run
# killed over a slow seed loses nothing; the hunt then goes on from the next seed. Prints the
# counts, the failures and the skipped seeds; exits 1 when a seed failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
first="${1:?usage: patterns/parity-hunt.sh FIRST COUNT [LIMIT_SECONDS]}"
count="${2:?usage: patterns/parity-hunt.sh FIRST COUNT [LIMIT_SECONDS]}"
limit="${3:-60}"
end=$((first + count))
log="$here/target/parity-hunt-$first.log"
cd "$here/.."
mvn -q -pl patterns test-compile
: > "$log"
next="$first"
while [ "$next" -lt "$end" ]; do
  # its own process group, so a kill takes surefire's forked JVM with it
  setsid mvn -q -pl patterns surefire:test -Dtest=FlinkParityPropertyTest \
    -Dparity.firstSeed="$next" -Dparity.cases=$((end - next)) -Dparity.log="$log" \
    -Drandom.groupDepth="${GROUP_DEPTH:-1}" > /dev/null 2>&1 &
  run=$!
  next="$end"
  while kill -0 "$run" 2> /dev/null; do
    sleep 5
    last="$(tail -n 1 "$log")"
    if [[ "$last" == start* ]] && [ $(($(date +%s) - $(stat -c %Y "$log"))) -gt "$limit" ]; then
      kill -- "-$run" 2> /dev/null || true
      wait "$run" 2> /dev/null || true
      seed="${last#start }"
      echo "skipped $seed: still running after $limit s" >> "$log"
      next=$((seed + 1))
    fi
  done
  wait "$run" 2> /dev/null || true
done
echo "seeds $first to $((end - 1)): $(grep -c '^end .* compared' "$log" || true) compared," \
  "$(grep -c '^end .* refused' "$log" || true) refused by both," \
  "$(grep -c '^skipped' "$log" || true) skipped, $(grep -c '^FAIL' "$log" || true) failed" \
  "(log: $log)"
grep '^skipped' "$log" || true
if grep '^FAIL' "$log"; then
  exit 1
fi
# a test run that ended early (its JVM killed, its classes rebuilt under it) leaves seeds unrun,
# which the counts above would otherwise pass over
ran="$(grep -c '^end \|^skipped' "$log" || true)"
if [ "$ran" -lt "$count" ]; then
  echo "$((count - ran)) seeds not run: the test run ended after '$(tail -n 1 "$log")'"
  exit 1
fi

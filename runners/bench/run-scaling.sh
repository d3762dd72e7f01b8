#!/usr/bin/env bash
# Throughput vs number of rules for both engines (cep bench --csv), then the chart.
# Usage: runners/bench/run-scaling.sh [EVENTS] [USERS] [RULE COUNTS...]
# Needs runners/target/cep.jar (mvn -o -q -pl runners package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/cep.jar"
events="${1:-20000}"; users="${2:-2000}"; shift 2 || true
counts=("${@:-1 10 100}")
csv="$here/scaling.csv"
rm -f "$csv"
for rules in ${counts[@]}; do
  java -jar "$jar" bench --engine both --events "$events" --users "$users" --rules "$rules" \
    --csv "$csv" 2>/dev/null
done
python3 "$here/chart.py" "$csv" "$here/throughput-vs-rules.svg"

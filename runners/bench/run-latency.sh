#!/usr/bin/env bash
# Latency through Kafka (processing time) at fixed rates: starts a Kafka 3.9.1 KRaft broker from
# the Maven jars (kafka-broker/pom.xml), runs "cep bench-latency" once per rate against it,
# appends each run to latency.csv, then stops the broker and deletes its data.
# Usage: runners/bench/run-latency.sh [DURATION_S] [WARMUP_S] [RATES...] [-- extra bench-latency args]
# Defaults: 60 s measured after 90 s warm-up (the JIT warm-up backlog at 5k needs 60-100 s to
# drain on 2 cores), at 1000 5000 20000 events/s.
# CEP_JAVA_OPTS adds JVM flags to the bench JVM (e.g. -XX:StartFlightRecording=filename=x.jfr).
# Needs runners/target/cep.jar (mvn -o -q -pl runners -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/cep.jar"
duration="${1:-60}"; warmup="${2:-90}"; shift 2 || shift $#
rates=(); extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  rates+=("$1"); shift
done
[ ${#rates[@]} -gt 0 ] || rates=(1000 5000 20000)
[ -f "$jar" ] || { echo "run-latency.sh: $jar is missing; build it first" >&2; exit 1; }

work="$(mktemp -d -t cep-kafka-XXXXXX)"
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mvn -q -f "$here/kafka-broker/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="$(cat "$work/cp.txt")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"; controller="$(free_port)"
cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/data
num.partitions=2
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
  -c "$work/server.properties" > "$work/format.log" 2>&1
java -Xmx512m -XX:+UseSerialGC -cp "$cp" kafka.Kafka "$work/server.properties" > "$work/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 120); do
  grep -q "Kafka Server started" "$work/broker.log" && break
  kill -0 "$broker_pid" 2>/dev/null || { echo "run-latency.sh: broker died:" >&2; tail -20 "$work/broker.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Kafka Server started" "$work/broker.log" || { echo "run-latency.sh: broker not started in 60 s" >&2; exit 1; }
echo "broker 127.0.0.1:$port up; $(uptime)"

# A rate the job cannot keep up with exits 1 (no measured alert within the drain); the other
# rates still run, and the script exits 1 at the end.
status=0
for rate in "${rates[@]}"; do
  java -Xmx2g ${CEP_JAVA_OPTS:-} -jar "$jar" bench-latency --bootstrapServers "127.0.0.1:$port" --rate "$rate" \
    --duration "$duration" --warmup "$warmup" --csv "$here/latency.csv" "${extra[@]}" || status=1
done
exit $status

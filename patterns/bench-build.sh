# Sourced by patterns/bench.sh, bench-pairs.sh and cache-misses.sh: the build and classpath steps
# they share. Not a command of its own.

# Builds patterns' classes and test classes (offline, as the bench scripts run) in the checkout at
# $1 and writes their test classpath to $1/patterns/target/bench-classpath.txt.
bench_build() {
  (cd "$1" && mvn -q -pl patterns test-compile \
    && mvn -q -pl patterns dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench-classpath.txt)
}

# Copies the classes bench_build made in the checkout at $1 to the directory $2 and prints the
# classpath that runs from the copy: a benchmark runs for minutes, and another build in the
# checkout may rewrite target/ meanwhile.
bench_snapshot() {
  cp -r "$1/patterns/target/classes" "$2/classes"
  cp -r "$1/patterns/target/test-classes" "$2/test-classes"
  echo "$2/classes:$2/test-classes:$(cat "$1/patterns/target/bench-classpath.txt")"
}

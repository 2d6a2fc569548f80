#!/usr/bin/env bash
# The guide's commands (docs/spark.md), copied; only the master URL is 127.0.0.1 here.
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=${WORK:-/tmp/metalearn-guide-command}; mkdir -p "$work"; cd "$work"
home=$1; tag=$2   # usage: guide-command.sh SPARK_HOME LABEL (e.g. .spark/3.5.3/lib/python3.11/site-packages/pyspark 3.5.3)
export SPARK_HOME=$home SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR=$PWD/conf
mkdir -p conf work-$tag /mnt/nfs/metalearn
rm -rf /mnt/nfs/metalearn/runs /mnt/nfs/metalearn/inner-steps.csv
$home/bin/spark-class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 > master-$tag.log 2>&1 &
mpid=$!
sleep 8
$home/bin/spark-class org.apache.spark.deploy.worker.Worker --cores 2 --memory 4g --work-dir $PWD/work-$tag --webui-port 18081 spark://127.0.0.1:7077 > worker-$tag.log 2>&1 &
wpid=$!
trap 'kill -9 $wpid $mpid 2>/dev/null || true; pkill -9 -f "work-$tag" || true' EXIT
sleep 8
cat > InnerStepsSweep.java <<'JAVA'
package com.example;

import static org.metalearn.dsl.Meta.*;

import java.nio.file.Path;
import org.metalearn.dsl.Sweep;
import org.metalearn.spark.SweepDefinition;

public final class InnerStepsSweep implements SweepDefinition {
    @Override
    public Sweep get() {
        return meta().sweep(meta().reptile().on(sine()).metaIterations(2_000).evaluateEvery(200, 50))
                .vary(Sweep.innerSteps(1, 2, 4, 8)).store(Path.of("/mnt/nfs/metalearn/runs"));
    }
}
JAVA
app=$("$repo/metalearn" spark-jar)
rm -rf classes; javac -cp "$app" -d classes InnerStepsSweep.java && jar cf my-sweeps.jar -C classes .
export PATH=$home/bin:$PATH
echo "\$ spark-submit ... (Spark $tag)"
spark-submit --class org.metalearn.spark.SweepMain --master spark://127.0.0.1:7077 \
    --conf spark.speculation=false \
    --conf spark.executorEnv.METALEARN_DATA=/mnt/nfs/metalearn/data \
    --jars my-sweeps.jar "$app" com.example.InnerStepsSweep /mnt/nfs/metalearn/inner-steps.csv 2>&1 | grep -v ' INFO '
cp /mnt/nfs/metalearn/inner-steps.csv table-$tag.csv

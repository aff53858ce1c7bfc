#!/usr/bin/env bash
# Spark runner against the local runner (docs/BENCHMARKS.md, "Corpus building", (4)):
# `dataset build` over the same synthetic posters with LocalRunner --workers 2 and with
# SparkCorpusBuild on local[2], each in its own JVM, one after the other, ROUNDS times; then
# checks that the two corpora are the same files, byte for byte (stats.json apart).
#
#   bench/dataset-spark.sh                       # COUNT=200 SEED=20250101 ENGINE=ppocr ROUNDS=1
#   COUNT=40 ENGINE=tesseract bench/dataset-spark.sh
#
# Builds only ocr-dataset-spark (ocr-dataset-builder must be installed: mvn -o install -pl
# ocr-dataset-builder). Results: ocr-dataset-spark/target/bench/spark-vs-local.jsonl, one line per
# run: wall seconds of the JVM (start included), CPU seconds (user + system), and stats.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-200}"
SEED="${SEED:-20250101}"
ENGINE="${ENGINE:-ppocr}"
ROUNDS="${ROUNDS:-1}"
SHARD_SIZE="${SHARD_SIZE:-100}"
OUT="${OUT:-$ROOT/ocr-dataset-spark/target/bench}"
MVN_FLAGS="${MVN_FLAGS:--o}"
export OMP_THREAD_LIMIT=1

mkdir -p "$OUT"
echo "building ocr-dataset-spark and its bench classes..." >&2
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -q $MVN_FLAGS -DskipTests -Dspotless.check.skip=true -pl ocr-dataset-spark \
  install dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >&2)
CP="$ROOT/ocr-dataset-spark/target/test-classes:$ROOT/ocr-dataset-spark/target/classes:$(cat "$OUT/classpath.txt")"
# The JVM options Spark needs on Java 17 (SparkCorpusBuild.JAVA_OPTIONS), from the module's pom.
SPARK_OPTS="$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' \
  "$ROOT/ocr-dataset-spark/pom.xml")"
# shellcheck disable=SC2206
BENCH=(java -Djava.awt.headless=true -Xss4m $SPARK_OPTS -cp "$CP"
  io.glyphwright.dataset.spark.bench.SparkBench)

POSTERS="$OUT/posters-$COUNT-$SEED"
if [ ! -f "$POSTERS/index.jsonl" ]; then
  echo "making $COUNT synthetic posters (seed $SEED, 512 px, PNG)..." >&2
  "${BENCH[@]}" synth "$COUNT" "$SEED" "$POSTERS"
fi

RESULTS="$OUT/spark-vs-local.jsonl"
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for runner in "local 2" "spark local[2]"; do
    read -r kind arg <<< "$runner"
    dir="$OUT/build-$kind"
    rm -rf "$dir"
    echo "round $round: $kind $arg, $ENGINE, $COUNT inputs" >&2
    python3 - "$round" "$(cut -d' ' -f1 /proc/loadavg)" "${BENCH[@]}" "$kind" "$POSTERS" "$dir" \
      "$arg" "$SHARD_SIZE" "$ENGINE" >> "$RESULTS" <<'PY'
import json, os, resource, subprocess, sys
rnd, load_before, cmd = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
after = resource.getrusage(resource.RUSAGE_CHILDREN)
r = json.loads(out[out.index('{"runner"'):])
r["round"] = rnd
r["cpuSeconds"] = round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2)
r["loadBefore"] = load_before
r["loadAfter"] = float(open("/proc/loadavg").read().split()[0])
print(json.dumps(r))
PY
    tail -1 "$RESULTS" >&2
  done
  for f in $(cd "$OUT/build-local" && ls); do
    [ "$f" = stats.json ] && continue
    cmp -s "$OUT/build-local/$f" "$OUT/build-spark/$f" || { echo "round $round: $f differs" >&2; exit 1; }
  done
  echo "round $round: the two corpora are byte-identical (stats.json apart)" >&2
done

python3 - "$RESULTS" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
for kind in ("local 2", "spark local[2]"):
    rs = [r for r in runs if r["runner"] == kind]
    n = rs[0]["stats"]["total"]
    for r in rs:
        s = r["stats"]
        print(f'{kind:15} round {r["round"]}: JVM wall {r["wallSeconds"]:7.2f} s, build {s["run"]["elapsedSeconds"]:7.2f} s'
              f' ({s["run"]["inputsPerSecond"]:.2f}/s), CPU {r["cpuSeconds"]:7.2f} s ({1000 * r["cpuSeconds"] / n:.0f} ms/input),'
              f' kept {s["kept"]}/{n}, load {r["loadBefore"]}->{r["loadAfter"]}')
loc = [r for r in runs if r["runner"] == "local 2"]
spk = [r for r in runs if r["runner"] == "spark local[2]"]
for a, b in zip(loc, spk):
    pct = lambda x, y: 100 * (y - x) / x
    print(f'round {a["round"]}: Spark overhead: JVM wall {pct(a["wallSeconds"], b["wallSeconds"]):+.1f} %,'
          f' build {pct(a["stats"]["run"]["elapsedSeconds"], b["stats"]["run"]["elapsedSeconds"]):+.1f} %,'
          f' CPU {pct(a["cpuSeconds"], b["cpuSeconds"]):+.1f} %')
PY

#!/usr/bin/env bash
# Corpus-building benchmark (docs/BENCHMARKS.md, "Corpus building"):
#   1. throughput of `dataset build` at 512x512, both engines, --workers 1 and 2 (and both
#      --handles modes for PP-OCR at 2 workers), on synthetic posters read from their shards;
#   2. Tesseract in-process against one `tesseract` process per image, same images, same run;
#   3. OCR quality on seeded synthetic posters made for the measurement only (word P/R/F,
#      English and Chinese apart).
#
#   bench/corpus-build.sh     # COUNT=200 QUALITY_COUNT=500 BUILD_ROUNDS=1 ROUNDS=2 (Tesseract rounds)
#   COUNT=50 QUALITY_COUNT=100 ROUNDS=1 bench/corpus-build.sh
#   PARTS="throughput" bench/corpus-build.sh    # any of: throughput tesseract quality
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-200}"
SEED="${SEED:-20250101}"
QUALITY_COUNT="${QUALITY_COUNT:-500}"
QUALITY_SEED="${QUALITY_SEED:-777}"
ROUNDS="${ROUNDS:-2}"
BUILD_ROUNDS="${BUILD_ROUNDS:-1}"
PARTS="${PARTS:-throughput tesseract quality}"
OUT="${OUT:-$ROOT/ocr-dataset-builder/target/bench}"
MVN_FLAGS="${MVN_FLAGS:--o}"
export OMP_THREAD_LIMIT=1

mkdir -p "$OUT"
echo "building the command line and the bench classes..." >&2
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -q $MVN_FLAGS -DskipTests -Dspotless.check.skip=true -pl cli -am install >&2)
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -q $MVN_FLAGS -Dspotless.check.skip=true -pl ocr-dataset-builder test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2)
GW=(java -Djava.awt.headless=true -jar "$ROOT/cli/target/glyphwright-cli.jar")
CP="$ROOT/ocr-dataset-builder/target/test-classes:$ROOT/ocr-dataset-builder/target/classes:$(cat "$OUT/classpath.txt")"
BENCH=(java -Djava.awt.headless=true -cp "$CP")

POSTERS="$OUT/posters-$COUNT-$SEED"
if [ ! -f "$POSTERS/index.jsonl" ]; then
  echo "making $COUNT synthetic posters (seed $SEED, 512 px, PNG)..." >&2
  "${GW[@]}" dataset synth --count "$COUNT" --seed "$SEED" --size 512 --format png \
    --shard-size 100 --out "$POSTERS" >&2
fi

if [[ " $PARTS " == *" throughput "* ]]; then
  : > "$OUT/throughput.jsonl"
  for round in $(seq 1 "$BUILD_ROUNDS"); do
    for config in "ppocr 1 shared" "ppocr 2 shared" "ppocr 2 per-worker" \
                  "tesseract 1 shared" "tesseract 2 shared" "tesseract 2 per-worker"; do
      read -r engine workers handles <<< "$config"
      dir="$OUT/build-$engine-$workers-$handles"
      rm -rf "$dir"
      echo "round $round: dataset build --engine $engine --workers $workers --handles $handles" >&2
      # Wall time and CPU time (user + system of the build process): on a machine shared with
      # other work the CPU seconds per image say more than the wall clock.
      python3 - "$dir" "$engine" "$workers" "$handles" "$round" "${GW[@]}" dataset build \
        --input "$POSTERS" --out "$dir" --engine "$engine" --workers "$workers" \
        --handles "$handles" --shard-size 100 >> "$OUT/throughput.jsonl" <<'PY'
import json, os, resource, subprocess, sys, time
out, engine, workers, handles, rnd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
before = resource.getrusage(resource.RUSAGE_CHILDREN)
load_before = os.getloadavg()[0]
start = time.monotonic()
subprocess.run(sys.argv[6:], check=True, stdout=sys.stderr, stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
stats = json.load(open(os.path.join(out, "stats.json")))
n = stats["total"]
print(json.dumps({"round": rnd, "engine": engine, "workers": workers, "handles": handles,
                  "inputs": n, "kept": stats["kept"], "rejects": stats["rejects"],
                  "runSeconds": stats["run"]["elapsedSeconds"],
                  "imagesPerSecond": stats["run"]["inputsPerSecond"],
                  "processSeconds": round(wall, 2), "cpuSeconds": round(cpu, 1),
                  "cpuMsPerImage": round(1000 * cpu / n, 1),
                  "loadAverage1m": [round(load_before, 2), round(os.getloadavg()[0], 2)]}))
PY
      tail -1 "$OUT/throughput.jsonl" >&2
    done
  done
fi

if [[ " $PARTS " == *" tesseract "* ]]; then
  echo "tesseract in-process against a process per image..." >&2
  "${BENCH[@]}" io.glyphwright.dataset.build.bench.TesseractProcessBench \
    "$POSTERS" "$COUNT" "$ROUNDS" "$OUT/tesseract-process.json" > /dev/null
fi

if [[ " $PARTS " == *" quality "* ]]; then
  echo "OCR quality on $QUALITY_COUNT posters (seed $QUALITY_SEED)..." >&2
  "${BENCH[@]}" io.glyphwright.dataset.build.bench.OcrQualityBench \
    "$QUALITY_COUNT" "$QUALITY_SEED" 2 "$OUT/ocr-quality.json" > /dev/null
fi

echo "results in $OUT: throughput.jsonl, tesseract-process.json, ocr-quality.json" >&2

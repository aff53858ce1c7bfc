#!/usr/bin/env bash
# Diffusion sampling speed (docs/BENCHMARKS.md, "Diffusion sampling speed"):
#   1. one 256x256 image, 20 steps DPM-Solver++(2M), guidance 5 with the mode's default prompt
#      guidance (batch 2 or 3 per UNet call, the guidance mode's passes):
#      ONNX Runtime through Generator.generate (2 intra-op threads) against the same sampling on
#      the DJL network (PyTorch, 1 and 2 threads), interleaved rounds in one JVM; per-call UNet
#      latency at batch 2; FLOPs from the config and from the ONNX graph; GFLOP/s against peak;
#   2. peak memory of one generation (VmHWM, heap) in a fresh JVM per engine.
#
#   bench/diffusion-speed.sh                        # ROUNDS=5 CALLS=10, random-weight default UNet
#   MODEL=models/glyph-unet-s bench/diffusion-speed.sh
#   ROUNDS=2 CALLS=4 NICE=19 BUILD_UPSTREAM=0 bench/diffusion-speed.sh   # short run on a busy box
#   PARTS="speed" bench/diffusion-speed.sh          # any of: speed memory
#   ORT_THREADS=1 PARTS=speed bench/diffusion-speed.sh   # ONNX Runtime on one thread (DJL_THREADS="1,2")
#   GUIDANCE_MODE=text+glyphs bench/diffusion-speed.sh    # two passes per step (default: the generator's mode)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${MODEL:-}"
ROUNDS="${ROUNDS:-5}"
CALLS="${CALLS:-10}"
STEPS="${STEPS:-20}"
SIZE="${SIZE:-256}"
GUIDANCE="${GUIDANCE:-5}"
GUIDANCE_MODE="${GUIDANCE_MODE:-}"   # empty: the generator's default
ORT_THREADS="${ORT_THREADS:-2}"
DJL_THREADS="${DJL_THREADS:-1,2}"
PARTS="${PARTS:-speed memory}"
NICE="${NICE:-0}"
BUILD_UPSTREAM="${BUILD_UPSTREAM:-1}"
OUT="${OUT:-$ROOT/diffusion-service/target/bench}"
MVN_FLAGS="${MVN_FLAGS:--o}"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

mkdir -p "$OUT"
RUN=(nice -n "$NICE")
echo "building the diffusion service and the bench classes..." >&2
if [ "$BUILD_UPSTREAM" = 1 ]; then
  # shellcheck disable=SC2086
  (cd "$ROOT" && "${RUN[@]}" mvn -q $MVN_FLAGS -DskipTests -Dspotless.check.skip=true \
    -pl diffusion-service -am install >&2)
fi
# shellcheck disable=SC2086
(cd "$ROOT" && "${RUN[@]}" mvn -q $MVN_FLAGS -Dspotless.check.skip=true -pl diffusion-service \
  test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >&2)
CP="$ROOT/diffusion-service/target/test-classes:$ROOT/diffusion-service/target/classes:$(cat "$OUT/classpath.txt")"
BENCH=("${RUN[@]}" java -Djava.awt.headless=true -cp "$CP" io.glyphwright.diffusion.bench.SamplerSpeedBench)
COMMON=(--steps "$STEPS" --size "$SIZE" --guidance "$GUIDANCE" --ort-threads "$ORT_THREADS")
[ -n "$GUIDANCE_MODE" ] && COMMON+=(--guidance-mode "$GUIDANCE_MODE")

echo "machine load: $(uptime)" | tee "$OUT/uptime.txt"
if [[ " $PARTS " == *" speed "* ]]; then
  MODEL_ARGS=()
  [ -n "$MODEL" ] && MODEL_ARGS=(--model "$MODEL")
  "${BENCH[@]}" "${MODEL_ARGS[@]}" "${COMMON[@]}" --rounds "$ROUNDS" --calls "$CALLS" \
    --djl-threads "$DJL_THREADS" --out "$OUT/diffusion-speed.json" | tee "$OUT/diffusion-speed.txt"
fi

if [[ " $PARTS " == *" memory "* ]]; then
  PKG="$MODEL"
  if [ -z "$PKG" ]; then
    # Export the random-weight network in its own JVM, so that the measured JVM loads only what
    # a generation needs (ONNX Runtime, the prompt encoders, the glyph renderer).
    PKG="$OUT/glyph-unet-random"
    [ -f "$PKG/model.json" ] || "${BENCH[@]}" --export "$PKG" >&2
  fi
  for engine in ort djl; do
    echo >&2
    "${BENCH[@]}" --memory "$engine" --model "$PKG" "${COMMON[@]}" \
      | tee "$OUT/memory-$engine.txt"
  done
fi
echo "results in $OUT: diffusion-speed.txt/.json, memory-ort.txt, memory-djl.txt" >&2

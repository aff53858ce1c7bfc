#!/usr/bin/env bash
# Generation load benchmark: POST /v1/images from CLIENTS closed-loop clients (default 4 × the
# job concurrency) on loopback; every request must end in images (202, a done job, its PNGs) or a
# 429; no 5xx, no failed or lost job. Reports jobs, 429s, job latency, images/s, OCR lines read,
# and the service's heap after a full GC before and after the load.
#
#   bench/web-generate.sh     # CONCURRENCY=1 QUEUE_DEPTHS="16 2" REQUESTS=6 SIZE=256 STEPS=20 N=1
#   CONCURRENCY=2 REQUESTS=4 bench/web-generate.sh
#
# The model is models/glyph-unet-s when it is installed, else a tiny random glyph-unet package made
# by the web tests' TinyGlyphUnet (images are noise; the bench measures the service, not the model).
# Starts the service jar (built if missing or stale) once per queue depth on a free loopback port
# with a temporary data folder, waits for readiness, runs, and stops it on exit (also on failure).
# The client is web/src/test/java/io/glyphwright/web/bench/WebGenerateBench.java, run as a single
# source file (JDK only). Exits non-zero when any request failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONCURRENCY="${CONCURRENCY:-1}"
CLIENTS="${CLIENTS:-$((4 * CONCURRENCY))}"
QUEUE_DEPTHS="${QUEUE_DEPTHS:-16 2}"
REQUESTS="${REQUESTS:-6}"
SIZE="${SIZE:-256}"
STEPS="${STEPS:-20}"
N="${N:-1}"
SEED="${SEED:-20251129}"
SERVER_OPTS="${SERVER_OPTS:-}"
JAR="$ROOT/web/target/glyphwright-web.jar"
CLIENT_SRC="$ROOT/web/src/test/java/io/glyphwright/web/bench/WebGenerateBench.java"

say() { printf 'web-generate: %s\n' "$*" >&2; }

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/web/src/main" "$ROOT/web/pom.xml" -newer "$JAR" -print -quit)" ]; then
  say "building the service jar..."
  (cd "$ROOT" && mvn -B -q -ntp -o install -pl web -DskipTests >&2)
fi

WORK="$(mktemp -d -t glyphwright-web-generate.XXXXXX)"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -f "$ROOT/models/glyph-unet-s/model.json" ]; then
  MODEL="$ROOT/models/glyph-unet-s"
  MODEL_NOTE="models/glyph-unet-s"
else
  say "models/glyph-unet-s is not installed: making the tests' tiny random package..."
  (cd "$ROOT" && mvn -B -q -ntp -o -pl web -Dspotless.check.skip=true test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >&2)
  CP="$ROOT/web/target/test-classes:$ROOT/web/target/classes:$(cat "$WORK/classpath.txt")"
  MODEL="$WORK/tiny-glyph-unet"
  DJL_OFFLINE=true OPT_OUT_TRACKING=true java -Djava.awt.headless=true \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$CP" io.glyphwright.web.generation.TinyGlyphUnet "$MODEL" >&2
  MODEL_NOTE="the tests' tiny random glyph-unet (r 4, 8 base channels, trained size 32)"
fi

heap_after_gc() {
  jcmd "$SERVER_PID" GC.run >/dev/null
  sleep 1
  jcmd "$SERVER_PID" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' \
    | awk '{printf "%.1f", $1/1024}'
}

rows=()
notes=()
status=0
for depth in $QUEUE_DEPTHS; do
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  BASE="http://127.0.0.1:$PORT"
  say "starting the service on $BASE (concurrency $CONCURRENCY, queue depth $depth, log $WORK/server-$depth.log)..."
  # shellcheck disable=SC2086
  (cd "$ROOT" && exec env DJL_OFFLINE=true OPT_OUT_TRACKING=true java -Djava.awt.headless=true -Xss4m \
    -Dglyphwright.cache="$ROOT/.cache" -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --glyphwright.data-dir="$WORK/data-$depth" --glyphwright.unet.model="$MODEL" \
    --glyphwright.jobs.concurrency="$CONCURRENCY" --glyphwright.jobs.queue-depth="$depth" \
    $SERVER_OPTS >"$WORK/server-$depth.log" 2>&1) &
  SERVER_PID=$!
  ready=""
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null; then ready=1; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    say "the service did not become ready; its log ends:"
    tail -n 30 "$WORK/server-$depth.log" >&2
    exit 1
  fi
  if ! curl -fsS "$BASE/v1/models" | grep -q '"diffusion":{"available":true'; then
    say "the service has no diffusion model:"; curl -sS "$BASE/v1/models" | head -c 600 >&2; exit 1
  fi
  # Warm-up: one job (PP-OCR opens on first use, ONNX Runtime warms its kernels).
  java "$CLIENT_SRC" --base "$BASE" --clients 1 --requests 1 --size "$SIZE" --steps "$STEPS" \
    --n "$N" --seed 1 >/dev/null || status=$?
  before="$(heap_after_gc)"
  say "queue depth $depth: $CLIENTS clients × $REQUESTS requests, ${SIZE}×${SIZE}, $STEPS steps, n $N..."
  if row="$(java "$CLIENT_SRC" --base "$BASE" --clients "$CLIENTS" --requests "$REQUESTS" \
      --size "$SIZE" --steps "$STEPS" --n "$N" --seed "$SEED")"; then :; else status=$?; fi
  after="$(heap_after_gc)"
  fivexx="$(grep -cE -- '-> 5[0-9][0-9]' "$WORK/server-$depth.log" || true)"
  rows+=("| $CONCURRENCY | $depth ${row} $before → $after | $fivexx |")
  say "$row heap after GC $before -> $after MiB; 5xx in the access log: $fivexx;" \
    "RSS $(ps -o rss= -p "$SERVER_PID" | tr -d ' ') KiB"
  if grep -qE '"(log\.)?level":"(ERROR|WARN)"' "$WORK/server-$depth.log"; then
    notes+=("queue depth $depth: the service logged warnings or errors (see below)")
    grep -E '"(log\.)?level":"(ERROR|WARN)"' "$WORK/server-$depth.log" | tail -n 5 >&2
  fi
  stop_server
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "machine: $(nproc) cores, $cpu; $(java -version 2>&1 | head -1)"
echo "model: $MODEL_NOTE; ${SIZE}×${SIZE}, $STEPS steps, n $N, heuristic planner, seed $SEED; $SERVER_OPTS"
echo
echo "| concurrency | queue depth | clients | requests | 202 | 429 | done | failures | lost | job p50 / p95 / max s | images/s | lines read | wall s | heap after GC before → after MiB | 5xx |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|---:|"
printf '%s\n' "${rows[@]}"
for n in "${notes[@]+"${notes[@]}"}"; do echo "$n"; done
exit "$status"

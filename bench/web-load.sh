#!/usr/bin/env bash
# Service load benchmark: POST /v1/layouts then POST /v1/glyphs with the returned layout, from
# closed-loop clients on loopback; requests/s and p50/p95/p99 per endpoint and per pair, at each
# client count, for each planner.
#
#   bench/web-load.sh            # PLANNERS="auto heuristic" CLIENTS="16 64" SECONDS_PER_RUN=25 WARMUP=200
#   SECONDS_PER_RUN=5 CLIENTS=4 PLANNERS=heuristic bench/web-load.sh
#
# Starts the service jar (built if missing or stale) on a free loopback port with a temporary data
# folder and default settings, waits for readiness, warms up, runs, and stops the service on exit
# (also on failure). The client is web/src/test/java/io/glyphwright/web/bench/WebLoadBench.java,
# run as a single source file (JDK only). Exits non-zero when any request failed (5xx, 4xx other
# than 429, transport error, a body that is not what the API promises).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLANNERS="${PLANNERS:-auto heuristic}"
CLIENTS="${CLIENTS:-16 64}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-25}"
WARMUP="${WARMUP:-200}"
SEED="${SEED:-20251129}"
SERVER_OPTS="${SERVER_OPTS:-}"
JAR="$ROOT/web/target/glyphwright-web.jar"
CLIENT_SRC="$ROOT/web/src/test/java/io/glyphwright/web/bench/WebLoadBench.java"

say() { printf 'web-load: %s\n' "$*" >&2; }

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/web/src/main" "$ROOT/web/pom.xml" -newer "$JAR" -print -quit)" ]; then
  say "building the service jar..."
  (cd "$ROOT" && mvn -B -q -ntp -o install -pl web -DskipTests >&2)
fi

WORK="$(mktemp -d -t glyphwright-web-load.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

# The same JVM flags as ./glyphwright serve; run from the checkout so that models/ is found.
say "starting the service on $BASE (data folder $WORK/data, log $WORK/server.log)..."
# shellcheck disable=SC2086
(cd "$ROOT" && exec java -Djava.awt.headless=true -Xss4m -Dglyphwright.cache="$ROOT/.cache" \
  -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
  --glyphwright.data-dir="$WORK/data" $SERVER_OPTS >"$WORK/server.log" 2>&1) &
SERVER_PID=$!

ready=""
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null; then ready=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$ready" ]; then
  say "the service did not become ready; its log ends:"
  tail -n 30 "$WORK/server.log" >&2
  exit 1
fi
say "ready; server RSS $(ps -o rss= -p "$SERVER_PID" | tr -d ' ') KiB"

CLIENT=(java -Xss1m "$CLIENT_SRC" --base "$BASE" --seed "$SEED")
rows=()
status=0
for planner in $PLANNERS; do
  say "warm-up: $WARMUP pairs, planner $planner..."
  "${CLIENT[@]}" --planner "$planner" --clients 16 --warmup "$WARMUP" || status=$?
  for c in $CLIENTS; do
    say "planner $planner, $c clients, ${SECONDS_PER_RUN} s..."
    load_before="$(cut -d' ' -f1 /proc/loadavg)"
    if row="$("${CLIENT[@]}" --planner "$planner" --clients "$c" --seconds "$SECONDS_PER_RUN")"; then :; else status=$?; fi
    rows+=("$row")
    say "$row"
    say "load average $load_before -> $(cut -d' ' -f1 /proc/loadavg);" \
      "server RSS $(ps -o rss= -p "$SERVER_PID" | tr -d ' ') KiB," \
      "threads $(ls /proc/"$SERVER_PID"/task | wc -l)"
  done
done

# ECS log lines carry the level as "log.level":"WARN" or "log":{"level":"WARN",...}
if grep -qE '"(log\.)?level":"(ERROR|WARN)"' "$WORK/server.log"; then
  say "the service logged warnings or errors:"
  grep -E '"(log\.)?level":"(ERROR|WARN)"' "$WORK/server.log" | tail -n 10 >&2
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "machine: $(nproc) cores, $cpu; $(java -version 2>&1 | head -1)"
echo "service: default settings (sync-threads / sync-queue from application.yaml) $SERVER_OPTS;" \
  "seed $SEED, warm-up $WARMUP pairs per planner, ${SECONDS_PER_RUN} s per run"
echo
java "$CLIENT_SRC" --header 1 2>/dev/null || true
printf '%s\n' "${rows[@]}"
exit "$status"

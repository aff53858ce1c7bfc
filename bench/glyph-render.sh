#!/usr/bin/env bash
# Glyph rendering benchmark: Glyphwright's GlyphRenderer (Java2D) against Pillow doing the same
# work, on the same seeded layouts, in the same run.
#
#   bench/glyph-render.sh     # 500 layouts, seed 20250101, 1 and 2 workers, 3 rounds of 3 passes
#   COUNT=100 PASSES=1 ROUNDS=1 bench/glyph-render.sh
#
# Work per layout, both sides: fit every line into its pixel box (largest size whose ink fits,
# em capped at 1.4 x the box side, vertical setting for tall CJK boxes), an antialiased 8-bit mask,
# a 16-bit character map, one ink box per non-space character. No PNG encoding.
# Java runs 1 and 2 threads sharing one renderer; Pillow runs 1 and 2 processes (threads would
# share the GIL). Each configuration does a warm-up pass first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-500}"
SEED="${SEED:-20250101}"
PASSES="${PASSES:-3}"
ROUNDS="${ROUNDS:-3}"
WORKERS="${WORKERS:-1 2}"
OUT="${OUT:-$ROOT/glyph-renderer/target/bench}"
PY=/usr/bin/python3   # Debian's python with python3-pil, not a pyenv one
MVN_FLAGS="${MVN_FLAGS:--o}"

mkdir -p "$OUT"
echo "building glyph-renderer (test classes)..." >&2
# shellcheck disable=SC2086
(cd "$ROOT" && mvn -q $MVN_FLAGS -pl glyph-renderer -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2)
CP="$ROOT/glyph-renderer/target/test-classes:$ROOT/glyph-renderer/target/classes:$ROOT/core/target/classes:$(cat "$OUT/classpath.txt")"
JAVA=(java -Djava.awt.headless=true -cp "$CP" io.glyphwright.glyph.bench.RenderBench)

echo "generating $COUNT layouts (seed $SEED)..." >&2
"${JAVA[@]}" generate "$OUT/layouts.jsonl" "$COUNT" "$SEED"

: > "$OUT/results.jsonl"
for round in $(seq 1 "$ROUNDS"); do
  # Java and Pillow alternate, so that a busy spell on the machine hits both.
  echo "round $round/$ROUNDS: java2d, $PASSES passes x $COUNT layouts, workers: $WORKERS..." >&2
  # shellcheck disable=SC2086
  "${JAVA[@]}" run "$OUT/layouts.jsonl" "$PASSES" $WORKERS | tee -a "$OUT/results.jsonl" >&2
  echo "round $round/$ROUNDS: pillow, $PASSES passes x $COUNT layouts, workers: $WORKERS..." >&2
  # shellcheck disable=SC2086
  "$PY" "$ROOT/bench/pillow_render.py" "$OUT/layouts.jsonl" "$PASSES" $WORKERS \
    | tee -a "$OUT/results.jsonl" >&2
done

"$PY" - "$OUT/results.jsonl" "$ROUNDS" <<'PYEOF'
import json, os, platform, statistics, subprocess, sys
import PIL
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rounds = int(sys.argv[2])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"machine: {os.cpu_count()} cores, {cpu}; {java}; Pillow {PIL.__version__}, Python {platform.python_version()}")
print(f"layouts: {rows[0]['layouts']}, passes per round: {rows[0]['passes']}, rounds: {rounds};"
      f" load average at end: {os.getloadavg()[0]:.2f}")
print()
groups = {}
for r in rows:
    groups.setdefault((r["impl"], r["workers"]), []).append(r)
med = lambda rs, k: statistics.median(r[k] for r in rs)
print("| renderer | workers | median ms/layout | p90 ms/layout | layouts/s (median of rounds) | layouts/s per round | chars/pass |")
print("|---|---:|---:|---:|---:|---|---:|")
for (impl, w), rs in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    per = ", ".join(f"{r['throughput']:.0f}" for r in rs)
    print(f"| {impl} | {w} | {med(rs, 'median_ms'):.2f} | {med(rs, 'p90_ms'):.2f} |"
          f" {med(rs, 'throughput'):.0f} | {per} | {rs[-1]['chars']} |")
print()
for w in sorted({r["workers"] for r in rows}):
    j, p = groups.get(("java2d", w)), groups.get(("pillow", w))
    if j and p:
        ratios = [a["throughput"] / b["throughput"] for a, b in zip(j, p)]
        print(f"{w} worker(s): Java2D/Pillow throughput {med(j, 'throughput') / med(p, 'throughput'):.2f}x"
              f" (per round {min(ratios):.2f}x to {max(ratios):.2f}x);"
              f" median latency {med(p, 'median_ms') / med(j, 'median_ms'):.2f}x lower")
PYEOF

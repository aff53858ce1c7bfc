package io.glyphwright.eval.match;

/** How a requested line was read exactly, if it was. */
public enum MatchKind {
  /** One read line equals the requested line. */
  SINGLE,
  /** Adjacent read lines on one row, joined left to right, equal the requested line. */
  SPLIT,
  /**
   * One read line (or adjacent ones on one row) equals adjacent requested lines on one row, joined
   * left to right: the judge merged them.
   */
  MERGE,
  /** Not read exactly. */
  NONE
}

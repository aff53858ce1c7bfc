package io.glyphwright.dataset;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names in a corpus folder. */
public final class ShardNames {
  /** One line per kept sample. */
  public static final String INDEX = "index.jsonl";

  /** Counts per reject reason and throughput of the whole corpus. */
  public static final String STATS = "stats.json";

  /** What made the corpus and with which settings; a rerun must match it. */
  public static final String MANIFEST = "manifest.json";

  /** Held locked by the one run writing the folder. */
  static final String LOCK = ".gw-lock";

  private static final Pattern SHARD = Pattern.compile("shard-(\\d{6,9})\\.tar");

  private ShardNames() {}

  /** {@code shard-000042.tar}. */
  public static String tar(int shard) {
    requireShardNumber(shard);
    return String.format("shard-%06d.tar", shard);
  }

  /** {@code shard-000042_stats.json}: the shard's own counts, written before the tar. */
  public static String shardStats(int shard) {
    requireShardNumber(shard);
    return String.format("shard-%06d_stats.json", shard);
  }

  /** The number of a shard tar's file name, or empty when the name is not a shard's. */
  public static OptionalInt shardNumber(String fileName) {
    Matcher m = SHARD.matcher(fileName);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** True for the temporary files writers leave behind when they are killed. */
  static boolean isTemporary(String fileName) {
    return fileName.startsWith(".gw-") && fileName.endsWith(".partial");
  }

  private static void requireShardNumber(int shard) {
    if (shard < 0 || shard > 999_999_999) {
      throw new IllegalArgumentException("shard number must be 0..999999999, got " + shard);
    }
  }
}

package io.glyphwright.dataset;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long corpus run on the error stream: on a terminal a bar redrawn in place (at most
 * ten times a second), otherwise plain lines — one per shard, and inside a long shard one every
 * {@code lineInterval} — that log files and CI keep readable.
 *
 * <pre>synth: shard 3/10 written, 3000/10000 (30%), 41.2/s, eta 2m50s</pre>
 *
 * Thread-safe.
 */
public final class Progress {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean bar;
  private final long lineIntervalNanos;
  private final LongSupplier nanos;
  private final long start;
  private long done;
  private long processed;
  private long lastLineNanos;
  private long lastDrawNanos;

  /**
   * @param out where to write
   * @param label the first word of each line ({@code synth})
   * @param total the number of inputs of the whole run
   * @param bar true to draw a bar in place (for a terminal)
   * @param lineIntervalNanos without a bar, the least time between two lines inside a shard
   * @param nanos the clock
   */
  public Progress(
      PrintStream out,
      String label,
      long total,
      boolean bar,
      long lineIntervalNanos,
      LongSupplier nanos) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.bar = bar;
    this.lineIntervalNanos = lineIntervalNanos;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.lastLineNanos = start;
    this.lastDrawNanos = start - 100_000_000L;
  }

  /** Progress on standard error: a bar when the process is attached to a terminal. */
  public static Progress onStderr(String label, long total) {
    return new Progress(
        System.err, label, total, System.console() != null, 10_000_000_000L, System::nanoTime);
  }

  /** A progress that prints nothing (tests, library use). */
  public static Progress silent(long total) {
    return new Progress(
        new PrintStream(PrintStream.nullOutputStream()),
        "",
        total,
        false,
        Long.MAX_VALUE,
        System::nanoTime);
  }

  /** {@code n} more inputs were processed (not skipped). */
  public synchronized void advance(long n) {
    done += n;
    processed += n;
    if (bar) {
      long now = nanos.getAsLong();
      if (now - lastDrawNanos >= 100_000_000L || done >= total) {
        lastDrawNanos = now;
        out.print("\r" + barLine());
        out.flush();
      }
    } else if (done < total) {
      long now = nanos.getAsLong();
      if (now - lastLineNanos >= lineIntervalNanos) {
        lastLineNanos = now;
        out.println(label + ": " + counts());
      }
    }
  }

  /** A shard is finished: written now, or {@code skipped} because an earlier run wrote it. */
  public synchronized void shardDone(int shard, int shards, long inputs, boolean skipped) {
    if (skipped) {
      done += inputs;
    }
    String what = skipped ? "already written, skipped" : "written";
    if (bar) {
      out.print("\r" + barLine());
      out.flush();
    } else {
      lastLineNanos = nanos.getAsLong();
      out.println(label + ": shard " + (shard + 1) + "/" + shards + " " + what + ", " + counts());
    }
  }

  /** Ends the bar's line. */
  public synchronized void finish() {
    if (bar) {
      out.println();
    }
  }

  private String barLine() {
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    return label + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + counts() + "   ";
  }

  private String counts() {
    double secs = (nanos.getAsLong() - start) / 1e9;
    double rate = secs > 0 ? processed / secs : 0;
    String eta = rate > 0 && done < total ? ", eta " + duration((total - done) / rate) : "";
    return String.format(
        Locale.ROOT,
        "%d/%d (%d%%), %.1f/s%s",
        done,
        total,
        total == 0 ? 100 : 100 * done / total,
        rate,
        eta);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
  }
}

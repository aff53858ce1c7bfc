package io.glyphwright.dataset.build;

import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSampleJson;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * What the pipeline made of one input: a sample to write, or the reason it was not kept.
 *
 * <p>Serialisable (a Spark job collects outcomes): the sample travels as its {@code KEY.json} text
 * and is parsed back on arrival, so the corpus types need not be serialisable themselves.
 *
 * @param key the input's key (null only for inputs whose name could not be read)
 * @param source where the input came from
 * @param record the sample to write; null when rejected
 * @param reason why it was rejected; null when kept
 * @param detail what was wrong, for a person (null when kept)
 */
public record Outcome(
    String key, String source, CorpusRecord record, RejectReason reason, String detail)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public Outcome {
    Objects.requireNonNull(source, "source");
    if ((record == null) == (reason == null)) {
      throw new IllegalArgumentException("an outcome is either a kept record or a reject reason");
    }
  }

  /** A kept sample. */
  public static Outcome kept(CorpusRecord record, String source) {
    return new Outcome(record.key(), source, record, null, null);
  }

  /** A rejected input. */
  public static Outcome rejected(String key, String source, RejectReason reason, String detail) {
    return new Outcome(key, source, null, Objects.requireNonNull(reason, "reason"), detail);
  }

  public boolean isKept() {
    return record != null;
  }

  @Serial
  private Object writeReplace() {
    return new SerialForm(
        key,
        source,
        reason == null ? null : reason.id(),
        detail,
        record == null ? null : record.imageExtension(),
        record == null ? null : record.image(),
        record == null ? null : CorpusSampleJson.print(record.sample()));
  }

  /** The serial form: plain strings and bytes. */
  private record SerialForm(
      String key,
      String source,
      String reason,
      String detail,
      String imageExtension,
      byte[] image,
      String sampleJson)
      implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() {
      if (reason != null) {
        return Outcome.rejected(key, source, RejectReason.ofId(reason), detail);
      }
      return Outcome.kept(
          new CorpusRecord(CorpusSampleJson.parse(sampleJson), imageExtension, image), source);
    }
  }
}

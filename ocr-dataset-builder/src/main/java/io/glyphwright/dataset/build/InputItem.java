package io.glyphwright.dataset.build;

import java.util.Objects;

/**
 * One input in the builder's order: a sample to read, or an input that cannot be used (counted
 * under its reason, never written). {@link #load} may read files, so the local runner calls it on
 * its workers.
 */
public interface InputItem {
  /** The sample's key; null when the input has none (a damaged tar's remainder). */
  String key();

  /** Where the input is: {@code INPUT/path/file} or {@code INPUT.tar!member}. */
  String source();

  /**
   * The sample's bytes.
   *
   * @throws SampleRejectedException when the input cannot be used
   */
  RawSample load() throws SampleRejectedException;

  /** An item whose bytes are already read. */
  static InputItem of(RawSample sample) {
    Objects.requireNonNull(sample, "sample");
    return new InputItem() {
      @Override
      public String key() {
        return sample.key();
      }

      @Override
      public String source() {
        return sample.source();
      }

      @Override
      public RawSample load() {
        return sample;
      }
    };
  }

  /** An input that is rejected before any processing. */
  static InputItem rejected(String key, String source, RejectReason reason, String detail) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    return new InputItem() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public String source() {
        return source;
      }

      @Override
      public RawSample load() throws SampleRejectedException {
        throw new SampleRejectedException(reason, detail);
      }
    };
  }
}

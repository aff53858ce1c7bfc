package io.glyphwright.dataset.build;

import io.glyphwright.dataset.CorpusOcr;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.FilterVerdict;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrResult;
import java.awt.image.BufferedImage;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The per-sample work of the corpus builder, as one function: {@link #process} turns a {@link
 * RawSample} (bytes as read) into an {@link Outcome} (a sample to write, or why not). Steps:
 * caption → decode with limits → 8-bit sRGB → resize → OCR → annotation → filters → encode.
 *
 * <p><b>Pure and shippable.</b> The outcome depends only on the raw sample and the {@link
 * PipelineSettings}: not on the thread, the worker count or earlier samples; bad input is an
 * outcome, never an exception. The pipeline is {@link Serializable}: its settings and engine
 * factory travel, its engines do not ({@code transient}) and are opened lazily, on first use, in
 * the JVM that processes. A Spark job can therefore build one pipeline on the driver and call
 * {@code process} inside {@code mapPartitions} on the executors (the local runner, {@link
 * LocalRunner}, calls it from its worker pool). Call {@link #close} when done to release the
 * engines; a pipeline deserialised on an executor should be closed at the end of its partition, or
 * kept per JVM.
 *
 * <p>Thread-safe: {@code process} may be called from many threads at once.
 */
public final class SamplePipeline implements Serializable, AutoCloseable {
  @Serial private static final long serialVersionUID = 1L;

  private final PipelineSettings settings;
  private final EngineFactory factory;
  private final EngineHandles handles;
  private transient Engines engines;

  /** A pipeline with the settings' engine, shared by all threads, ONNX Runtime choosing threads. */
  public SamplePipeline(PipelineSettings settings) {
    this(settings, EngineFactory.of(settings), new EngineHandles(EngineHandles.Mode.SHARED, 0));
  }

  public SamplePipeline(PipelineSettings settings, EngineFactory factory, EngineHandles handles) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.handles = Objects.requireNonNull(handles, "handles");
  }

  public PipelineSettings settings() {
    return settings;
  }

  /**
   * Opens an engine now rather than on the first sample, so that missing models fail before any
   * work starts.
   *
   * @throws io.glyphwright.ocr.OcrException saying what to install or run
   */
  public void open() {
    Engines e = engines();
    e.giveBack(e.borrow());
  }

  /** Processes one input. Never throws for bad input: every problem is a rejected outcome. */
  public Outcome process(RawSample raw) {
    try {
      return Outcome.kept(build(raw), raw.source());
    } catch (SampleRejectedException e) {
      return Outcome.rejected(raw.key(), raw.source(), e.reason(), e.getMessage());
    }
  }

  private CorpusRecord build(RawSample raw) throws SampleRejectedException {
    String caption = Captions.read(raw.caption(), raw.metadata());
    if (raw.image().length > settings.maxFileBytes()) {
      throw new SampleRejectedException(
          RejectReason.FILE_TOO_LARGE,
          raw.image().length + " bytes, more than the limit of " + settings.maxFileBytes());
    }
    FilterSettings f = settings.filters();
    BufferedImage decoded = ImageDecoder.decode(raw.image(), settings.maxPixels(), f.minSide());
    BufferedImage image = ImageResizer.apply(SrgbConverter.toIntRgb(decoded), settings.resize());
    int w = image.getWidth();
    int h = image.getHeight();
    OcrResult read = read(image);
    Annotator.Annotation a = Annotator.annotate(read, w, h);
    List<RejectReason> failed = SampleFilters.check(a.lines(), w, h, caption, f);
    if (!failed.isEmpty()) {
      throw new SampleRejectedException(
          failed.get(0),
          "failed " + failed.stream().map(RejectReason::id).collect(Collectors.joining(", ")));
    }
    CorpusSample sample =
        new CorpusSample(
            raw.key(),
            w,
            h,
            caption,
            raw.source(),
            new CorpusOcr(read.engine(), a.lines()),
            a.layout(),
            FilterVerdict.PASSED,
            null);
    String format = settings.imageFormat();
    return new CorpusRecord(
        sample, format, ImageEncoder.encode(image, format, settings.jpegQuality()));
  }

  private OcrResult read(BufferedImage image) throws SampleRejectedException {
    Engines e = engines();
    OcrEngine engine = e.borrow();
    try {
      return engine.read(image);
    } catch (RuntimeException ex) {
      if (e.isClosed()) {
        throw ex;
      }
      // An engine failing on one picture (odd geometry, a native error) must not end the run.
      throw new SampleRejectedException(
          RejectReason.OCR_FAILED, ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
    } finally {
      e.giveBack(engine);
    }
  }

  private synchronized Engines engines() {
    if (engines == null) {
      engines = new Engines(factory, handles);
    }
    return engines;
  }

  /** Closes every engine this pipeline opened; a later {@code process} opens new ones. */
  @Override
  public void close() {
    Engines e;
    synchronized (this) {
      e = engines;
      engines = null;
    }
    if (e != null) {
      e.close();
    }
  }

  /** The engines of one JVM: one shared, or one per concurrent read (borrowed and given back). */
  private static final class Engines {
    private final EngineFactory factory;
    private final EngineHandles handles;
    private final Deque<OcrEngine> idle = new ArrayDeque<>();
    private final List<OcrEngine> all = new ArrayList<>();
    private OcrEngine shared;
    private boolean closed;

    Engines(EngineFactory factory, EngineHandles handles) {
      this.factory = factory;
      this.handles = handles;
    }

    OcrEngine borrow() {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("the pipeline is closed");
        }
        if (handles.mode() == EngineHandles.Mode.SHARED) {
          if (shared == null) {
            shared = factory.open(handles.onnxThreads());
            all.add(shared);
          }
          return shared;
        }
        OcrEngine e = idle.pollFirst();
        if (e != null) {
          return e;
        }
      }
      // Opening takes a while (model loading): not under the lock.
      OcrEngine e = factory.open(handles.onnxThreads());
      synchronized (this) {
        if (closed) {
          e.close();
          throw new IllegalStateException("the pipeline is closed");
        }
        all.add(e);
      }
      return e;
    }

    synchronized void giveBack(OcrEngine e) {
      if (handles.mode() == EngineHandles.Mode.PER_WORKER && !closed) {
        idle.addFirst(e);
      }
    }

    synchronized boolean isClosed() {
      return closed;
    }

    void close() {
      List<OcrEngine> toClose;
      synchronized (this) {
        closed = true;
        toClose = new ArrayList<>(all);
        all.clear();
        idle.clear();
      }
      // OcrEngine.close waits for reads in flight.
      toClose.forEach(OcrEngine::close);
    }
  }
}

package io.glyphwright.ocr.tesseract;

import com.sun.jna.Pointer;
import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.ocr.Boxes;
import io.glyphwright.ocr.ChineseText;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.OcrWord;
import io.glyphwright.ocr.Quad;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessOcrEngineMode;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract (Debian's libtesseract) through Tess4J's JNA binding.
 *
 * <p>Each handle is initialised once (≈300 ms with {@code eng+chi_sim}) and reused: a read borrows
 * an idle handle or makes a new one, so a pool of N worker threads ends up with N long-lived
 * handles. Pixels go in raw ({@code TessBaseAPISetImage} with 24-bit RGB rows), not through
 * Leptonica, whose Tess4J binding needs a newer Leptonica than Debian 12 ships. Results come from
 * the result iterator at line, word and symbol level.
 *
 * <p>Tess4J's direct-mapped {@code TessAPI1} cannot be used: it binds every function at class load,
 * and Debian's Tesseract 5.3 lacks some that Tess4J 5.16 declares. The interface-mapped {@link
 * TessAPI} binds each function on first use.
 *
 * <p>Set {@code OMP_THREAD_LIMIT=1} in the environment for batch work: an OpenMP-built libtesseract
 * otherwise starts its own threads per handle, and they fight the workers for cores.
 */
public final class TesseractEngine implements OcrEngine {
  public static final String NAME = "tesseract";

  /** Where Debian's tesseract-ocr-* packages put the language data. */
  public static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

  /** English and Simplified Chinese. */
  public static final String DEFAULT_LANGUAGES = "eng+chi_sim";

  private final TessAPI api;
  private final Path tessdata;
  private final String languages;
  private final int pageSegMode;
  private final Deque<TessBaseAPI> idle = new ConcurrentLinkedDeque<>();
  private final List<TessBaseAPI> all = new ArrayList<>();
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private TesseractEngine(TessAPI api, Path tessdata, String languages, int pageSegMode) {
    this.api = api;
    this.tessdata = tessdata;
    this.languages = languages;
    this.pageSegMode = pageSegMode;
  }

  /**
   * Opens the engine and initialises its first handle, so a missing library or language fails here.
   *
   * @param tessdata the folder of {@code *.traineddata}
   * @param languages Tesseract's language list, e.g. {@code eng+chi_sim}
   * @param pageSegMode a Tesseract page segmentation mode ({@code PSM_AUTO} = 3, {@code
   *     PSM_SPARSE_TEXT} = 11)
   * @throws OcrException when libtesseract or a language file is missing; the message says which
   *     Debian package to install
   */
  public static TesseractEngine open(Path tessdata, String languages, int pageSegMode) {
    for (String lang : languages.split("\\+")) {
      if (!Files.isRegularFile(tessdata.resolve(lang + ".traineddata"))) {
        throw new OcrException(
            "Tesseract language data "
                + tessdata.resolve(lang + ".traineddata")
                + " is missing: run ./glyphwright setup (installs tesseract-ocr-"
                + lang.replace('_', '-').toLowerCase(java.util.Locale.ROOT)
                + ")");
      }
    }
    TessAPI api;
    try {
      api = TessAPI.INSTANCE;
      api.TessVersion();
    } catch (LinkageError e) {
      throw new OcrException(
          "libtesseract cannot be loaded ("
              + e.getMessage()
              + "): run ./glyphwright setup (installs tesseract-ocr)",
          e);
    }
    TesseractEngine engine = new TesseractEngine(api, tessdata, languages, pageSegMode);
    engine.idle.push(engine.newHandle());
    return engine;
  }

  /** Opens {@code eng+chi_sim} from Debian's tessdata with automatic page segmentation. */
  public static TesseractEngine open() {
    return open(DEBIAN_TESSDATA, DEFAULT_LANGUAGES, 3);
  }

  /** The version of the loaded libtesseract. */
  public String version() {
    return api.TessVersion();
  }

  private TessBaseAPI newHandle() {
    TessBaseAPI handle = api.TessBaseAPICreate();
    int rc =
        api.TessBaseAPIInit2(
            handle, tessdata.toString(), languages, TessOcrEngineMode.OEM_LSTM_ONLY);
    if (rc != 0) {
      api.TessBaseAPIDelete(handle);
      throw new OcrException(
          "Tesseract could not load '" + languages + "' from " + tessdata + " (rc " + rc + ")");
    }
    api.TessBaseAPISetPageSegMode(handle, pageSegMode);
    // Diagnostics such as "Estimating resolution as ..." would otherwise go to stderr per image.
    api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    synchronized (all) {
      all.add(handle);
    }
    return handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OcrResult read(BufferedImage image) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the " + NAME + " engine is closed");
      }
      TessBaseAPI handle = idle.poll();
      if (handle == null) {
        handle = newHandle();
      }
      try {
        return recognize(handle, image);
      } finally {
        api.TessBaseAPIClear(handle);
        idle.push(handle);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private OcrResult recognize(TessBaseAPI handle, BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ByteBuffer pixels = ByteBuffer.allocateDirect(w * h * 3);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = argb >>> 24;
        for (int shift = 16; shift >= 0; shift -= 8) {
          int v = (argb >> shift) & 0xff;
          pixels.put((byte) (a == 255 ? v : (v * a + 255 * (255 - a)) / 255));
        }
      }
    }
    pixels.flip();
    api.TessBaseAPISetImage(handle, pixels, w, h, 3, w * 3);
    if (api.TessBaseAPIRecognize(handle, null) != 0) {
      throw new OcrException("Tesseract failed to recognise the image");
    }
    List<OcrLine> lines = new ArrayList<>();
    TessResultIterator it = api.TessBaseAPIGetIterator(handle);
    if (it != null) {
      try {
        collect(it, lines, new Box(0, 0, w, h));
      } finally {
        api.TessResultIteratorDelete(it);
      }
    }
    return new OcrResult(NAME, w, h, lines);
  }

  /** Walks the result symbol by symbol, opening a line and a word where the iterator says so. */
  private void collect(TessResultIterator it, List<OcrLine> lines, Box frame) {
    TessPageIterator page = api.TessResultIteratorGetPageIterator(it);
    LineBuilder line = null;
    WordBuilder word = null;
    do {
      if (api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
        if (line != null) {
          line.add(word);
          line.build(frame, lines);
        }
        word = null;
        Box box = boundingBox(page, TessPageIteratorLevel.RIL_TEXTLINE);
        line =
            box == null
                ? null
                : new LineBuilder(
                    box, api.TessResultIteratorConfidence(it, TessPageIteratorLevel.RIL_TEXTLINE));
      }
      if (line == null) {
        continue;
      }
      if (api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_WORD) != 0) {
        line.add(word);
        Box box = boundingBox(page, TessPageIteratorLevel.RIL_WORD);
        word =
            box == null
                ? null
                : new WordBuilder(
                    box, api.TessResultIteratorConfidence(it, TessPageIteratorLevel.RIL_WORD));
      }
      String symbol = text(it, TessPageIteratorLevel.RIL_SYMBOL);
      Box box = boundingBox(page, TessPageIteratorLevel.RIL_SYMBOL);
      if (word != null && symbol != null && box != null) {
        word.add(symbol.strip(), box);
      }
    } while (api.TessResultIteratorNext(it, TessPageIteratorLevel.RIL_SYMBOL) != 0);
    if (line != null) {
      line.add(word);
      line.build(frame, lines);
    }
  }

  private String text(TessResultIterator it, int level) {
    Pointer p = api.TessResultIteratorGetUTF8Text(it, level);
    if (p == null) {
      return null;
    }
    try {
      return p.getString(0, StandardCharsets.UTF_8.name());
    } finally {
      api.TessDeleteText(p);
    }
  }

  private Box boundingBox(TessPageIterator page, int level) {
    IntBuffer l = IntBuffer.allocate(1);
    IntBuffer t = IntBuffer.allocate(1);
    IntBuffer r = IntBuffer.allocate(1);
    IntBuffer b = IntBuffer.allocate(1);
    if (api.TessPageIteratorBoundingBox(page, level, l, t, r, b) == 0) {
      return null;
    }
    Box box = new Box(l.get(0), t.get(0), r.get(0), b.get(0));
    return box.isEmpty() ? null : box;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      synchronized (all) {
        for (TessBaseAPI handle : all) {
          api.TessBaseAPIEnd(handle);
          api.TessBaseAPIDelete(handle);
        }
        all.clear();
      }
      idle.clear();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** A word's symbols as the iterator hands them out. */
  private static final class WordBuilder {
    final Box box;
    final float confidence;
    final StringBuilder text = new StringBuilder();
    final List<CharBox> chars = new ArrayList<>();

    WordBuilder(Box box, float confidence) {
      this.box = box;
      this.confidence = confidence;
    }

    /** Adds a symbol; one that holds several code points (a ligature) shares its box evenly. */
    void add(String symbol, Box symbolBox) {
      int[] cps = symbol.codePoints().filter(cp -> !Character.isWhitespace(cp)).toArray();
      for (int i = 0; i < cps.length; i++) {
        int l = symbolBox.left() + symbolBox.width() * i / cps.length;
        int r = symbolBox.left() + symbolBox.width() * (i + 1) / cps.length;
        String c = new String(cps, i, 1);
        text.append(c);
        chars.add(
            new CharBox(c, new Box(l, symbolBox.top(), Math.max(r, l + 1), symbolBox.bottom())));
      }
    }
  }

  /** A line's words; joins them with spaces except between two Chinese characters. */
  private static final class LineBuilder {
    final Box box;
    final float confidence;
    final List<WordBuilder> words = new ArrayList<>();

    LineBuilder(Box box, float confidence) {
      this.box = box;
      this.confidence = confidence;
    }

    void add(WordBuilder word) {
      if (word != null && !word.chars.isEmpty()) {
        words.add(word);
      }
    }

    void build(Box frame, List<OcrLine> out) {
      if (words.isEmpty()) {
        return;
      }
      Box lineBox = box.intersection(frame);
      if (lineBox.isEmpty()) {
        return;
      }
      StringBuilder text = new StringBuilder();
      List<CharBox> chars = new ArrayList<>();
      List<OcrWord> ocrWords = new ArrayList<>();
      for (WordBuilder w : words) {
        String s = w.text.toString();
        if (text.length() > 0
            && !(ChineseText.isCjk(text.codePointBefore(text.length()))
                && ChineseText.isCjk(s.codePointAt(0)))) {
          text.append(' ');
        }
        text.append(s);
        for (CharBox c : w.chars) {
          chars.add(new CharBox(c.c(), Boxes.clampInto(c.box(), lineBox)));
        }
        ocrWords.add(new OcrWord(s, Boxes.clampInto(w.box, lineBox), w.confidence / 100.0));
      }
      out.add(
          new OcrLine(
              text.toString(), Quad.of(lineBox), lineBox, confidence / 100.0, chars, ocrWords));
    }
  }
}

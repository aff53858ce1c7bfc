package io.glyphwright.dataset.synth;

import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.BackgroundInfo;
import io.glyphwright.dataset.CorpusOcr;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.FilterVerdict;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes synthetic corpus samples, SynthText-style: a background (procedural or a real photo), one
 * to four lines of English and/or Chinese text drawn through the glyph renderer, and exact ground
 * truth — the sample's {@code ocr} field (engine {@code synthetic}, confidence 1) is what was
 * drawn, its {@code layout} the TD2 layout on the 128 grid — with a caption quoting the text.
 *
 * <p>Sample {@code n} depends only on the seed, {@code n} and the settings that shape pictures
 * (languages, size, format, the photos and fonts installed): its randomness is a {@link
 * SplittableRandom} seeded from a mix of the seed and {@code n}. So samples can be made in any
 * order, on any number of threads, and a shard can be made again alone, always with the same bytes.
 *
 * <p>Thread-safe.
 */
public final class SyntheticPosters {
  /** Engine name in the samples' {@code ocr} field. */
  public static final String ENGINE = "synthetic";

  /** Share of backgrounds that are photos when photos are installed. */
  static final double PHOTO_SHARE = 0.35;

  private final long seed;
  private final int size;
  private final Set<Lang> langs;
  private final String format;
  private final PosterTextSampler texts;
  private final PosterComposer composer;
  private final PhotoLibrary photos;

  public SyntheticPosters(GlyphRenderer renderer, SynthSettings settings, PhotoLibrary photos) {
    this.seed = settings.seed();
    this.size = settings.size();
    this.langs = settings.langs();
    this.format = settings.format();
    this.texts = new PosterTextSampler(WordLists.bundled(), langs);
    this.composer = new PosterComposer(renderer);
    this.photos = photos;
  }

  /** A sample and the poster it was made from. */
  public record Sample(CorpusRecord record, Poster poster) {}

  /** The key of sample {@code n}: {@code synth-<seed>-<n, 9 digits>}. */
  public String key(long n) {
    return String.format("synth-%s-%09d", Long.toUnsignedString(seed), n);
  }

  /** Makes sample {@code n}. */
  public Sample generate(long n) {
    SplittableRandom rng = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (n + 1)));
    for (int attempt = 0; attempt < 50; attempt++) {
      PosterText text = texts.sample(rng);
      Background bg = background(rng);
      Poster poster = composer.compose(rng, text, bg);
      if (poster == null) {
        continue;
      }
      ColorNames.Dominant dominant = ColorNames.dominant(bg.image(), 4);
      boolean anyChinese = poster.lines().stream().anyMatch(l -> l.item().lang() == Lang.ZH);
      double zhShare =
          !langs.contains(Lang.ZH) ? 0 : !langs.contains(Lang.EN) ? 0.7 : anyChinese ? 0.6 : 0.15;
      boolean chinese = rng.nextDouble() < zhShare;
      String caption = CaptionWriter.write(rng, poster, dominant.name(), chinese);

      List<TextLine> grid = new ArrayList<>();
      for (PosterLine l : poster.lines()) {
        grid.add(new TextLine(l.text(), l.gridBox()));
      }
      String layout = Td2Format.print(new Layout(size, size, Layout.DEFAULT_GRID, grid));
      CorpusSample sample =
          new CorpusSample(
              key(n),
              size,
              size,
              caption,
              "synthetic:" + (bg.isPhoto() ? "photo:" + bg.source() : "procedural:" + bg.kind()),
              new CorpusOcr(ENGINE, poster.lines().stream().map(PosterLine::truth).toList()),
              layout,
              FilterVerdict.PASSED,
              new BackgroundInfo(dominant.name().en(), dominant.hex(), bg.kind()));
      return new Sample(new CorpusRecord(sample, format, encode(poster.image(), format)), poster);
    }
    throw new IllegalStateException(
        "sample " + n + ": no text fitted the canvas in 50 attempts; this is a bug");
  }

  private Background background(SplittableRandom rng) {
    boolean photo = !photos.isEmpty() && rng.nextDouble() < PHOTO_SHARE;
    if (photo) {
      Background b = photos.crop(rng, size);
      if (b != null) {
        return b;
      }
    }
    return ProceduralBackgrounds.paint(rng, size);
  }

  /** PNG (ImageIO's encoder, no time stamps) or JPEG at quality 0.95. */
  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    try {
      if (format.equals("png")) {
        if (!ImageIO.write(image, "png", out)) {
          throw new IllegalStateException("this Java runtime has no PNG writer");
        }
        return out.toByteArray();
      }
      Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
      if (!writers.hasNext()) {
        throw new IllegalStateException("this Java runtime has no JPEG writer");
      }
      ImageWriter writer = writers.next();
      try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(ios);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        writer.write(null, new IIOImage(image, null, null), param);
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + format + " image", e);
    }
  }

  /** The ids of the faces the posters use (recorded in the corpus manifest). */
  public List<String> faceIds() {
    return composer.faceIds();
  }

  /** SplitMix64's finaliser: spreads nearby seeds over all 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

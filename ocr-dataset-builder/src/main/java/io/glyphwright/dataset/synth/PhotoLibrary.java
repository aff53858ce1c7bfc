package io.glyphwright.dataset.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Real photos for backgrounds: the JPEG and PNG files under some folders (by default those Debian's
 * wallpaper packages install, {@code /usr/share/backgrounds} and {@code /usr/share/wallpapers}),
 * listed in sorted path order, less the known wallpapers that show text ({@link #WITH_TEXT}). A
 * poster takes a random square crop of a random photo, resized to its size.
 *
 * <p>Each photo is decoded once per poster size, scaled so that its shorter side is 1.5 × the
 * poster size (never enlarged), and kept in memory (about 4 MB per photo at 512 px): wallpapers are
 * 2–20 megapixels, and decoding one per poster would cost more than the poster. A file that cannot
 * be decoded is replaced by a procedural background, with a warning, in the same way on every run.
 */
public final class PhotoLibrary {
  /**
   * Where Debian's wallpaper packages (mate-backgrounds, plasma-workspace-wallpapers) put photos.
   */
  public static final List<Path> DEBIAN_FOLDERS =
      List.of(Path.of("/usr/share/backgrounds"), Path.of("/usr/share/wallpapers"));

  /**
   * Wallpapers that show text or a wordmark (mate-backgrounds' MATE branding): text in the
   * background that the ground truth does not list would teach OCR and diffusion models wrong
   * lessons, so these files are never used.
   */
  public static final Set<String> WITH_TEXT =
      Set.of(
          "GreenTraditional.jpg",
          "MATE-Stripes-Dark.png",
          "MATE-Stripes-Light.png",
          "Float-into-MATE.png");

  private static final System.Logger LOG = System.getLogger(PhotoLibrary.class.getName());

  private final List<Path> files;
  private final Map<String, BufferedImage> decoded = new ConcurrentHashMap<>();

  private PhotoLibrary(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** No photos: every background is procedural. */
  public static PhotoLibrary none() {
    return new PhotoLibrary(List.of());
  }

  /** The photos under {@code roots}, recursively; a root that does not exist adds nothing. */
  public static PhotoLibrary scan(List<Path> roots) {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(PhotoLibrary::isPhoto)
            .filter(p -> !WITH_TEXT.contains(p.getFileName().toString()))
            .forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list photos under " + root, e);
      }
    }
    found.sort(null);
    return new PhotoLibrary(found);
  }

  public List<Path> files() {
    return files;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /**
   * A random {@code size}×{@code size} crop of a random photo, or null when the chosen file cannot
   * be decoded.
   */
  Background crop(SplittableRandom rng, int size) {
    Path file = files.get(rng.nextInt(files.size()));
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    double scale = 0.35 + 0.65 * rng.nextDouble();
    BufferedImage photo = load(file, size);
    if (photo == null) {
      return null;
    }
    int side = Math.max(8, (int) Math.round(Math.min(photo.getWidth(), photo.getHeight()) * scale));
    int x = (int) Math.floor(u * (photo.getWidth() - side + 1));
    int y = (int) Math.floor(v * (photo.getHeight() - side + 1));
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(photo, 0, 0, size, size, x, y, x + side, y + side, null);
    } finally {
      g.dispose();
    }
    return new Background(out, "photo", file.toString());
  }

  private BufferedImage load(Path file, int size) {
    String key = size + "@" + file;
    BufferedImage img = decoded.get(key);
    if (img == null) {
      img = decoded.computeIfAbsent(key, k -> decode(file, size));
    }
    return img.getWidth() == 1 && img.getHeight() == 1 ? null : img;
  }

  /** Decodes, subsampled, onto an opaque white canvas; a 1×1 image marks a file that failed. */
  private static BufferedImage decode(Path file, int size) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException("no image reader for it");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int shorter = Math.min(reader.getWidth(0), reader.getHeight(0));
        int target = size * 3 / 2;
        int factor = Math.max(1, shorter / (2 * target));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(factor, factor, 0, 0);
        BufferedImage raw = reader.read(0, param);
        double k = Math.min(1.0, (double) target / Math.min(raw.getWidth(), raw.getHeight()));
        int w = Math.max(1, (int) Math.round(raw.getWidth() * k));
        int h = Math.max(1, (int) Math.round(raw.getHeight() * k));
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
          g.setRenderingHint(
              RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
          g.setColor(java.awt.Color.WHITE);
          g.fillRect(0, 0, w, h);
          g.drawImage(raw, 0, 0, w, h, null);
        } finally {
          g.dispose();
        }
        return rgb;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "skipping background photo {0}: {1}", file, e.getMessage());
      return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    }
  }

  private static boolean isPhoto(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }
}

package io.glyphwright.glyph;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The installed font faces, by stable short id.
 *
 * <p>A registry is built once from the .ttf, .otf and .ttc files under its roots (recursively, in
 * sorted path order, so the same files give the same registry). Each font family gets one id and
 * one face: the families Glyphwright's set-up installs have fixed ids ({@code noto-sans-cjk-sc},
 * {@code wqy-microhei}, {@code smiley-sans}, {@code lxgw-wenkai}, {@code bebas-neue}, {@code
 * lobster}, {@code dancing-script}, {@code eb-garamond}, {@code lato}, {@code open-sans}, {@code
 * roboto-slab}, {@code liberation-sans}, {@code liberation-serif}, {@code dejavu-sans}); any other
 * family's id is its name in lower case with hyphens ({@code dejavu-sans-mono}). The face chosen
 * for an id is the family's <b>Bold</b> face where it has one, else its Regular face, else the
 * first face by PostScript name: poster and sign text is set heavy, and thick strokes survive the
 * diffusion model's downsampling better than thin ones.
 *
 * <p>{@link #find} accepts, case-insensitively and in this order: an id, a family name (which means
 * the family's chosen face), a face's full name, a face's PostScript name. So {@code "Noto Sans CJK
 * SC"} is the Bold face like {@code noto-sans-cjk-sc}, and {@code "NotoSansCJKsc-Regular"} is the
 * Regular one.
 *
 * <p>Registries are immutable after construction and safe to share between threads.
 */
public final class FontRegistry {
  private static final System.Logger LOG = System.getLogger(FontRegistry.class.getName());

  /** Where Debian installs fonts; {@link #system()} scans it. */
  public static final Path SYSTEM_FONT_DIR = Path.of("/usr/share/fonts");

  /** {@code font} value that picks a face by script. */
  public static final String AUTO = "auto";

  /** Faces tried in order for a line with CJK text and {@code font: auto}. */
  public static final List<String> AUTO_CJK = List.of("noto-sans-cjk-sc", "wqy-microhei");

  /** Faces tried in order for a line without CJK text and {@code font: auto}. */
  public static final List<String> AUTO_LATIN =
      List.of("liberation-sans", "open-sans", "dejavu-sans", "lato");

  /**
   * Faces tried in order for a character the line's face cannot draw; after them every other
   * installed face in {@link #allFaces()} order.
   */
  public static final List<String> FALLBACK =
      List.of("noto-sans-cjk-sc", "wqy-microhei", "lxgw-wenkai", "dejavu-sans");

  static final String INSTALL_HINT =
      "run ./glyphwright setup to install the fonts Glyphwright uses"
          + " (Debian fonts-* packages in setup/apt-packages.txt)";

  /** A family set-up installs: its id, names people call it by, and its faces by preference. */
  private record Curated(String id, List<String> aliases, List<String> postScriptNames) {}

  private static final List<Curated> CURATED =
      List.of(
          new Curated(
              "noto-sans-cjk-sc",
              List.of("Noto Sans CJK SC", "Noto Sans SC"),
              List.of("NotoSansCJKsc-Bold", "NotoSansCJKsc-Regular")),
          new Curated(
              "wqy-microhei",
              List.of("WenQuanYi Micro Hei", "WQY MicroHei"),
              List.of("WenQuanYiMicroHei")),
          new Curated(
              "smiley-sans",
              List.of("Smiley Sans", "Smiley Sans Oblique"),
              List.of("SmileySans-Oblique", "SmileySans-Regular")),
          new Curated(
              "lxgw-wenkai",
              List.of("LXGW WenKai"),
              List.of("LXGWWenKai-Bold", "LXGWWenKai-Regular")),
          new Curated(
              "bebas-neue",
              List.of("Bebas Neue"),
              List.of("BebasNeueBold", "BebasNeue-Bold", "BebasNeueRegular", "BebasNeue-Regular")),
          new Curated(
              "lobster",
              List.of("Lobster Two", "Lobster"),
              List.of(
                  "LobsterTwo-Bold",
                  "LobsterTwo-BoldItalic",
                  "LobsterTwo-Regular",
                  "Lobster-Regular")),
          new Curated(
              "dancing-script",
              List.of("Dancing Script"),
              List.of("DancingScript-Bold", "DancingScript", "DancingScript-Regular")),
          new Curated(
              "eb-garamond",
              List.of("EB Garamond"),
              List.of(
                  "EBGaramond12-Bold",
                  "EBGaramond-Bold",
                  "EBGaramond12-Regular",
                  "EBGaramond-Regular")),
          new Curated("lato", List.of("Lato"), List.of("Lato-Bold", "Lato-Regular")),
          new Curated(
              "open-sans",
              List.of("Open Sans"),
              List.of("OpenSans-Bold", "OpenSans", "OpenSans-Regular")),
          new Curated(
              "roboto-slab",
              List.of("Roboto Slab"),
              List.of("RobotoSlab-Bold", "RobotoSlab-Regular")),
          new Curated(
              "liberation-sans",
              List.of("Liberation Sans"),
              List.of("LiberationSans-Bold", "LiberationSans")),
          new Curated(
              "liberation-serif",
              List.of("Liberation Serif"),
              List.of("LiberationSerif-Bold", "LiberationSerif")),
          new Curated(
              "dejavu-sans", List.of("DejaVu Sans"), List.of("DejaVuSans-Bold", "DejaVuSans")));

  private static final class SystemHolder {
    static final FontRegistry INSTANCE = scan(List.of(SYSTEM_FONT_DIR));
  }

  private final List<FontFace> faces;
  private final List<FontFace> allFaces;
  private final Map<String, FontFace> byId;
  private final Map<String, FontFace> byName;
  private final Map<Integer, Optional<FontFace>> fallbackCache = new ConcurrentHashMap<>();

  private FontRegistry(List<FontFace> loaded) {
    Map<String, FontFace> ids = new LinkedHashMap<>();
    Map<String, FontFace> names = new HashMap<>();
    Map<String, FontFace> familyChoice = new HashMap<>();

    for (Curated c : CURATED) {
      FontFace chosen = firstByPostScriptName(loaded, c.postScriptNames());
      if (chosen == null) {
        continue;
      }
      FontFace face = withId(chosen, c.id());
      ids.put(c.id(), face);
      familyChoice.putIfAbsent(key(chosen.family()), face);
      for (String alias : c.aliases()) {
        names.putIfAbsent(key(alias), face);
      }
    }

    Map<String, List<FontFace>> families = new TreeMap<>();
    for (FontFace f : loaded) {
      families.computeIfAbsent(key(f.family()), k -> new ArrayList<>()).add(f);
    }
    List<FontFace> others = new ArrayList<>();
    for (Map.Entry<String, List<FontFace>> e : families.entrySet()) {
      if (familyChoice.containsKey(e.getKey())) {
        continue;
      }
      FontFace chosen = preferredFace(e.getValue());
      String base = slug(chosen.family());
      if (base.isEmpty()) {
        base = slug(chosen.postScriptName());
      }
      if (base.isEmpty()) {
        base = "font";
      }
      String id = base;
      for (int n = 2; ids.containsKey(id); n++) {
        id = base + "-" + n;
      }
      FontFace face = withId(chosen, id);
      ids.put(id, face);
      familyChoice.put(e.getKey(), face);
      others.add(face);
    }

    // Every face, with the chosen faces carrying their short ids and the rest their PostScript
    // names (lower case) as ids, so that allFaces() and faces() agree on the same objects.
    Map<String, FontFace> chosenByFile = new HashMap<>();
    for (FontFace f : ids.values()) {
      chosenByFile.putIfAbsent(fileKey(f), f);
    }
    List<FontFace> all = new ArrayList<>();
    for (FontFace f : loaded) {
      FontFace chosen = chosenByFile.get(fileKey(f));
      all.add(chosen != null ? chosen : withId(f, key(f.postScriptName())));
    }

    for (Map.Entry<String, FontFace> e : familyChoice.entrySet()) {
      names.putIfAbsent(e.getKey(), e.getValue());
    }
    for (FontFace f : all) {
      names.putIfAbsent(key(f.name()), f);
    }
    for (FontFace f : all) {
      names.putIfAbsent(key(f.postScriptName()), f);
    }

    List<FontFace> listed = new ArrayList<>();
    for (Curated c : CURATED) {
      if (ids.containsKey(c.id())) {
        listed.add(ids.get(c.id()));
      }
    }
    others.sort(Comparator.comparing(FontFace::id));
    listed.addAll(others);

    this.faces = List.copyOf(listed);
    this.allFaces = List.copyOf(all);
    this.byId = Collections.unmodifiableMap(ids);
    this.byName = Map.copyOf(names);
  }

  /**
   * The registry of the fonts under {@link #SYSTEM_FONT_DIR}, scanned on first use (once, whatever
   * the number of threads asking).
   */
  public static FontRegistry system() {
    return SystemHolder.INSTANCE;
  }

  /**
   * Scans the font files under {@code roots} (recursively; a root that does not exist is skipped).
   * A file Java2D cannot read is skipped with a warning.
   */
  public static FontRegistry scan(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).filter(FontRegistry::isFontFile).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list fonts under " + root, e);
      }
    }
    Collections.sort(files);
    List<FontFace> loaded = new ArrayList<>();
    for (Path file : files) {
      Font[] fonts;
      try {
        fonts = Font.createFonts(file.toFile());
      } catch (FontFormatException | IOException e) {
        LOG.log(Level.WARNING, "skipping font file {0}: {1}", file, e.getMessage());
        continue;
      }
      for (int i = 0; i < fonts.length; i++) {
        Font f = fonts[i];
        loaded.add(
            new FontFace(
                "",
                f.getFontName(Locale.ENGLISH),
                f.getFamily(Locale.ENGLISH),
                f.getPSName(),
                file,
                i,
                f));
      }
    }
    return new FontRegistry(loaded);
  }

  /** One face per installed family: the set-up's families first in a fixed order, then by id. */
  public List<FontFace> faces() {
    return faces;
  }

  /**
   * Every installed face, in file order; faces not chosen for a family have their PostScript name
   * as id.
   */
  public List<FontFace> allFaces() {
    return allFaces;
  }

  /** The ids of {@link #faces()}, in the same order. */
  public List<String> ids() {
    return faces.stream().map(FontFace::id).toList();
  }

  /** The face an id or a family, face or PostScript name names (case-insensitive), if installed. */
  public Optional<FontFace> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String k = key(name.strip());
    FontFace f = byId.get(k);
    if (f == null) {
      f = byName.get(k);
    }
    return Optional.ofNullable(f);
  }

  /**
   * The face {@code name} names.
   *
   * @throws UnknownFontException listing the installed ids and saying how to install more
   */
  public FontFace face(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new UnknownFontException(
                    "no installed font is called '"
                        + name
                        + "'; use 'auto' or one of: "
                        + String.join(", ", ids())
                        + "; "
                        + INSTALL_HINT));
  }

  /**
   * The face for a line: {@code font} by name, or, for {@code "auto"} (or null/blank), Noto Sans
   * CJK SC (else WenQuanYi Micro Hei) when {@code text} holds a CJK character and otherwise the
   * first installed of Liberation Sans, Open Sans, DejaVu Sans, Lato (each in Bold).
   *
   * @throws UnknownFontException when {@code font} names no installed face, or no face for auto is
   *     installed
   */
  public FontFace resolve(String font, String text) {
    if (font == null || font.isBlank() || font.strip().equalsIgnoreCase(AUTO)) {
      return autoFace(text);
    }
    return face(font);
  }

  /** The face {@code auto} picks for {@code text}; see {@link #resolve}. */
  public FontFace autoFace(String text) {
    List<String> order = Scripts.hasCjk(text) ? AUTO_CJK : AUTO_LATIN;
    for (String id : order) {
      FontFace f = byId.get(id);
      if (f != null) {
        return f;
      }
    }
    throw new UnknownFontException(
        "font 'auto' needs one of "
            + String.join(", ", order)
            + " for '"
            + text
            + "', and none is installed; "
            + INSTALL_HINT);
  }

  /**
   * The face to draw {@code codePoint} with when a line's own face cannot: the first of {@link
   * #FALLBACK} that has it, else the first face in {@link #allFaces()} that has it; empty when no
   * installed face has it.
   */
  public Optional<FontFace> fallbackFor(int codePoint) {
    return fallbackCache.computeIfAbsent(codePoint, this::searchFallback);
  }

  private Optional<FontFace> searchFallback(int codePoint) {
    for (String id : FALLBACK) {
      FontFace f = byId.get(id);
      if (f != null && f.canDisplay(codePoint)) {
        return Optional.of(f);
      }
    }
    for (FontFace f : allFaces) {
      if (f.canDisplay(codePoint)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** A one-line summary of the chosen faces, for logs and error messages. */
  @Override
  public String toString() {
    return faces.stream()
        .map(f -> f.id() + "=" + f.name())
        .collect(Collectors.joining(", ", "FontRegistry[", "]"));
  }

  private static boolean isFontFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc");
  }

  private static FontFace firstByPostScriptName(List<FontFace> loaded, List<String> wanted) {
    for (String ps : wanted) {
      for (FontFace f : loaded) {
        if (f.postScriptName().equalsIgnoreCase(ps)) {
          return f;
        }
      }
    }
    return null;
  }

  /** Bold (upright) first, then Regular (upright), then the first by PostScript name. */
  private static FontFace preferredFace(List<FontFace> family) {
    List<FontFace> sorted = new ArrayList<>(family);
    sorted.sort(
        Comparator.comparing(FontFace::postScriptName)
            .thenComparing(FontFace::file)
            .thenComparingInt(FontFace::index));
    for (String weight : List.of("bold", "regular")) {
      for (FontFace f : sorted) {
        String style = styleWords(f);
        if (style.equals(weight)) {
          return f;
        }
      }
    }
    for (FontFace f : sorted) {
      if (styleWords(f).isEmpty()) {
        return f;
      }
    }
    return sorted.get(0);
  }

  /** What the full name adds to the family name, in lower case: "bold", "bold italic", "". */
  private static String styleWords(FontFace f) {
    String name = f.name().toLowerCase(Locale.ROOT);
    String family = f.family().toLowerCase(Locale.ROOT);
    return name.startsWith(family) ? name.substring(family.length()).strip() : name;
  }

  private static FontFace withId(FontFace f, String id) {
    return new FontFace(
        id, f.name(), f.family(), f.postScriptName(), f.file(), f.index(), f.font());
  }

  private static String fileKey(FontFace f) {
    return f.file() + "#" + f.index();
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}

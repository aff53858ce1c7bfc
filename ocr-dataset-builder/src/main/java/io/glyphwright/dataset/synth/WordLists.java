package io.glyphwright.dataset.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The word lists the posters' texts come from, bundled as resources under {@code
 * io/glyphwright/dataset/synth/<lang>/<category>.txt}: one entry per line, {@code #} starts a
 * comment line. All entries are written for this project (invented brands, titles and names).
 */
public final class WordLists {
  /** What an entry is, which decides where it goes on a poster and how a caption names it. */
  public enum Category {
    PRODUCTS,
    BRANDS,
    AUTHORS,
    TITLES,
    SLOGANS,
    OFFERS;

    String fileName() {
      return name().toLowerCase(java.util.Locale.ROOT) + ".txt";
    }
  }

  private static final WordLists BUNDLED = load();

  private final Map<Lang, Map<Category, List<String>>> lists;

  private WordLists(Map<Lang, Map<Category, List<String>>> lists) {
    this.lists = lists;
  }

  /** The lists shipped with Glyphwright. */
  public static WordLists bundled() {
    return BUNDLED;
  }

  /** The entries of one list, in file order. */
  public List<String> get(Lang lang, Category category) {
    return lists.get(lang).get(category);
  }

  /** How many entries all lists of a language hold. */
  public int size(Lang lang) {
    return lists.get(lang).values().stream().mapToInt(List::size).sum();
  }

  private static WordLists load() {
    Map<Lang, Map<Category, List<String>>> all = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      Map<Category, List<String>> byCategory = new EnumMap<>(Category.class);
      for (Category c : Category.values()) {
        String resource = lang.code() + "/" + c.fileName();
        byCategory.put(c, read(resource));
      }
      all.put(lang, byCategory);
    }
    return new WordLists(all);
  }

  private static List<String> read(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "word list " + resource + " is missing from the class path; rebuild the module");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          out.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + resource, e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("word list " + resource + " is empty");
    }
    return List.copyOf(out);
  }
}

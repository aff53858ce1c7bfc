package io.glyphwright.glyph.bench;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded poster-like layouts for the rendering benchmark: 1–4 lines on a 512×512 canvas, Latin and
 * Chinese texts, the automatic face or a named one, and now and then a tall narrow box that sets
 * Chinese vertically. The same seed gives the same layouts.
 */
final class BenchLayouts {
  private static final String[] LATIN = {
    "SUMMER SALE",
    "50% OFF",
    "Grand Opening",
    "FRESH COFFEE",
    "Open 24 Hours",
    "NEW ARRIVALS",
    "Limited Edition",
    "EXIT",
    "Book Fair 2025",
    "Happy Birthday!",
    "Welcome Home",
    "BLACK FRIDAY",
    "Organic Tea",
    "Live Music Tonight",
    "Free Delivery",
    "The Art of Silence",
    "Hot Deals",
    "Best Seller",
    "Jazz Night",
    "Buy 1 Get 1",
    "Made in Hamburg",
    "Night Market",
    "SPRING",
    "Premium Quality",
    "Back to School",
    "Coming Soon",
    "Ocean View Cafe",
    "Vintage Store"
  };
  private static final String[] CJK = {
    "夏季大促销", "新品上市", "出口", "全场五折", "中华老字号", "开业大吉", "限时特惠", "欢迎光临",
    "生日快乐", "咖啡", "春节快乐", "买一送一", "手工面包", "今日特价", "夜市", "书店",
    "茶", "营业中", "热销爆款", "品质保证", "免费配送", "音乐节", "北京烤鸭", "新年好"
  };
  private static final String[] MIXED = {
    "EXIT 出口", "WiFi 免费", "24小时营业", "NEW 新品", "5折 SALE", "Coffee 咖啡"
  };
  private static final String[] LATIN_FACES = {
    "liberation-sans",
    "bebas-neue",
    "lobster",
    "dancing-script",
    "eb-garamond",
    "lato",
    "open-sans",
    "roboto-slab",
    "liberation-serif",
    "dejavu-sans"
  };
  private static final String[] CJK_FACES = {
    "noto-sans-cjk-sc", "wqy-microhei", "lxgw-wenkai", "smiley-sans"
  };

  private BenchLayouts() {}

  static List<Layout> generate(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Layout> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(one(rnd));
    }
    return out;
  }

  private static Layout one(SplittableRandom rnd) {
    int n = 1 + rnd.nextInt(4);
    List<TextLine> lines = new ArrayList<>();
    boolean verticalUsed = false;
    int band = 128 / n;
    for (int i = 0; i < n; i++) {
      double kind = rnd.nextDouble();
      String text;
      boolean cjk;
      if (kind < 0.45) {
        text = LATIN[rnd.nextInt(LATIN.length)];
        cjk = false;
      } else if (kind < 0.85) {
        text = CJK[rnd.nextInt(CJK.length)];
        cjk = true;
      } else {
        text = MIXED[rnd.nextInt(MIXED.length)];
        cjk = true;
      }
      String font = "auto";
      if (rnd.nextDouble() < 0.4) {
        font =
            cjk && rnd.nextDouble() < 0.7
                ? CJK_FACES[rnd.nextInt(CJK_FACES.length)]
                : LATIN_FACES[rnd.nextInt(LATIN_FACES.length)];
      }
      Box box;
      if (cjk && !verticalUsed && text.length() <= 6 && rnd.nextDouble() < 0.25) {
        // A shop sign down the right edge.
        verticalUsed = true;
        int w = 12 + rnd.nextInt(9);
        int h = 60 + rnd.nextInt(60);
        int l = 128 - w - rnd.nextInt(4);
        int t = rnd.nextInt(128 - h + 1);
        box = new Box(l, t, l + w, t + h);
      } else {
        int top = i * band;
        int h = Math.max(6, Math.min(band - 2, 8 + rnd.nextInt(24)));
        int t = top + rnd.nextInt(Math.max(1, band - h));
        int w = 40 + rnd.nextInt(84);
        int l = 2 + rnd.nextInt(Math.max(1, 124 - w));
        box = new Box(l, t, l + w, t + h);
      }
      lines.add(new TextLine(text, box, font, null, List.of()));
    }
    return new Layout(512, 512, 128, lines);
  }
}

package io.glyphwright.glyph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FontRegistryTest {
  private static final FontRegistry FONTS = FontRegistry.system();

  @Test
  void theSetUpFamiliesHaveTheirShortIdsFirstAndInAFixedOrder() {
    List<String> expected =
        List.of(
            "noto-sans-cjk-sc",
            "wqy-microhei",
            "smiley-sans",
            "lxgw-wenkai",
            "bebas-neue",
            "lobster",
            "dancing-script",
            "eb-garamond",
            "lato",
            "open-sans",
            "roboto-slab",
            "liberation-sans",
            "liberation-serif",
            "dejavu-sans");
    assertEquals(expected, FONTS.ids().subList(0, expected.size()));
    assertEquals(FONTS.ids().size(), new HashSet<>(FONTS.ids()).size(), "ids are unique");
  }

  @Test
  void anIdPicksTheBoldFaceWhereTheFamilyHasOne() {
    assertEquals("NotoSansCJKsc-Bold", FONTS.face("noto-sans-cjk-sc").postScriptName());
    assertEquals("LiberationSans-Bold", FONTS.face("liberation-sans").postScriptName());
    assertEquals("Lato-Bold", FONTS.face("lato").postScriptName());
    assertEquals("WenQuanYiMicroHei", FONTS.face("wqy-microhei").postScriptName());
    assertEquals("NotoSansCJKsc-Bold", FONTS.face("noto-sans-cjk-sc").font().getPSName());
    assertTrue(FONTS.face("noto-sans-cjk-sc").file().toString().endsWith("NotoSansCJK-Bold.ttc"));
  }

  @Test
  void familyFaceAndPostScriptNamesAreAcceptedWhateverTheCase() {
    assertEquals("noto-sans-cjk-sc", FONTS.face("noto sans cjk sc").id());
    assertEquals("noto-sans-cjk-sc", FONTS.face("NOTO-SANS-CJK-SC").id());
    assertEquals("wqy-microhei", FONTS.face("WenQuanYi Micro Hei").id());
    assertEquals("bebas-neue", FONTS.face("Bebas Neue").id());
    assertEquals("lobster", FONTS.face("Lobster Two").id());
    assertEquals("NotoSansCJKsc-Regular", FONTS.face("notosanscjksc-regular").postScriptName());
    assertEquals("LiberationSerif-Bold", FONTS.face("Liberation Serif Bold").postScriptName());
    assertEquals("dejavu-sans-mono", FONTS.face("DejaVu Sans Mono").id());
  }

  @Test
  void anUnknownNameListsTheIdsAndTheSetUpCommand() {
    UnknownFontException e = assertThrows(UnknownFontException.class, () -> FONTS.face("Papyrus"));
    assertTrue(e.getMessage().contains("'Papyrus'"));
    for (String id : List.of("noto-sans-cjk-sc", "lobster", "dejavu-sans")) {
      assertTrue(e.getMessage().contains(id), e.getMessage());
    }
    assertTrue(e.getMessage().contains("./glyphwright setup"));
  }

  @Test
  void autoPicksByScript() {
    assertEquals("noto-sans-cjk-sc", FONTS.resolve("auto", "限时 SALE").id());
    assertEquals("noto-sans-cjk-sc", FONTS.resolve("AUTO", "すし").id());
    assertEquals("liberation-sans", FONTS.resolve("auto", "SALE 50%").id());
    assertEquals("liberation-sans", FONTS.resolve(null, "SALE").id());
    assertEquals("lobster", FONTS.resolve("lobster", "出口").id());
  }

  @Test
  void fallbackPrefersTheCjkFacesThenDejaVu() {
    assertEquals("noto-sans-cjk-sc", FONTS.fallbackFor('出').orElseThrow().id());
    // U+2603 SNOWMAN: Noto CJK has it, so it comes first.
    assertEquals("noto-sans-cjk-sc", FONTS.fallbackFor(0x2603).orElseThrow().id());
    // U+1F600 GRINNING FACE: only DejaVu among the chain.
    assertEquals("dejavu-sans", FONTS.fallbackFor(0x1F600).orElseThrow().id());
    assertTrue(FONTS.fallbackFor(0x1D11E).isEmpty());
  }

  @Test
  void aScanOfAnEmptyFolderHasNoFacesAndSaysSoForAuto() {
    FontRegistry none = FontRegistry.scan(List.of(Path.of("/nonexistent-font-dir")));
    assertTrue(none.faces().isEmpty());
    UnknownFontException e =
        assertThrows(UnknownFontException.class, () -> none.resolve("auto", "SALE"));
    assertTrue(e.getMessage().contains("./glyphwright setup"), e.getMessage());
  }

  @Test
  void scanningAFolderFindsItsFacesOnly() {
    FontRegistry wqy = FontRegistry.scan(List.of(Path.of("/usr/share/fonts/truetype/wqy")));
    assertEquals(List.of("wqy-microhei", "wenquanyi-micro-hei-mono"), wqy.ids());
    assertEquals("wqy-microhei", wqy.resolve("auto", "出口").id());
    assertEquals(1, wqy.faces().get(1).index());
  }

  @Test
  void theSystemRegistryIsBuiltOnceWhateverTheThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<FontRegistry>> calls =
          List.of(
              FontRegistry::system,
              FontRegistry::system,
              FontRegistry::system,
              FontRegistry::system);
      Set<FontRegistry> seen = new HashSet<>();
      for (Future<FontRegistry> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertEquals(1, seen.size());
      assertSame(FONTS, seen.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }
}

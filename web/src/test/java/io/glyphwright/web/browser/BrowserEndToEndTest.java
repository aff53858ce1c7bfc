package io.glyphwright.web.browser;

import static io.glyphwright.web.ApiTestBase.textImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.generation.GenerationTestBase;
import io.glyphwright.web.generation.TinyGlyphUnet;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The UI in a real browser (Debian's chromium and chromedriver, headless): type a prompt, plan,
 * move a box with the keyboard and by dragging, see the glyph mask follow, generate with the tiny
 * random glyph-unet package and see the image with its read/missed verdicts, run an OCR check and a
 * CSV batch. Screenshots go to target/screenshots.
 */
class BrowserEndToEndTest extends GenerationTestBase {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  static ChromeDriver driver;

  @LocalServerPort int port;

  @BeforeAll
  static void startBrowser() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the browser test needs Debian's chromium and chromium-driver: run ./glyphwright setup")
        .isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1440,1100");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private void shot(String name) throws Exception {
    File f = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(
        f.toPath(),
        SHOTS.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private String maskVersion() {
    return driver.findElement(By.id("mask-preview")).getDomAttribute("data-version");
  }

  private String waitForNewMask(String after) {
    waiting()
        .until(
            d -> {
              String v = maskVersion();
              return v != null && !v.equals(after) && !v.equals("0");
            });
    // The mask is the one of the newest edit: nothing newer is pending.
    waiting()
        .until(
            d ->
                ((JavascriptExecutor) d)
                    .executeScript("return String(state.version)")
                    .equals(maskVersion()));
    return maskVersion();
  }

  private List<String> boxOfLine(int row) {
    WebElement tr = driver.findElements(By.cssSelector("#lines tr")).get(row);
    return List.of("left", "top", "right", "bottom").stream()
        .map(side -> tr.findElement(By.name(side)).getDomProperty("value"))
        .toList();
  }

  @Test
  void planMoveAndPreviewThenGenerateAndOcrCheck() throws Exception {
    driver.get("http://localhost:" + port + "/");
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("gen-status"), "Generation: " + TinyGlyphUnet.NAME));

    driver
        .findElement(By.id("prompt"))
        .sendKeys("A summer poster that says 'SUMMER SALE' and '50% OFF'");
    driver.findElement(By.cssSelector("label[for=preset-poster]")).click();
    // The heuristic planner's layout leaves room to move the first box 8 cells down.
    waiting()
        .until(d -> !d.findElements(By.cssSelector("#planner option[value=heuristic]")).isEmpty());
    new Select(driver.findElement(By.id("planner"))).selectByValue("heuristic");
    driver.findElement(By.id("plan")).click();
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#lines tr"), 2));
    String first = waitForNewMask("0");
    String planned = driver.findElement(By.id("mask-preview")).getDomAttribute("data-layout");
    assertThat(planned).startsWith("SUMMER SALE ").contains("50% OFF ");
    assertThat(
            driver
                .findElement(By.cssSelector("#lines tr input[name=text]"))
                .getDomProperty("value"))
        .isEqualTo("SUMMER SALE");

    // Keyboard: focus the canvas, the first box is selected; Shift+Down moves it 8 cells down.
    List<String> before = boxOfLine(0);
    WebElement canvas = driver.findElement(By.id("layout-canvas"));
    canvas.click();
    canvas.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_DOWN));
    waiting().until(d -> !boxOfLine(0).equals(before));
    List<String> after = boxOfLine(0);
    assertThat(Integer.parseInt(after.get(1))).isEqualTo(Integer.parseInt(before.get(1)) + 8);
    assertThat(Integer.parseInt(after.get(3))).isEqualTo(Integer.parseInt(before.get(3)) + 8);
    String moved = waitForNewMask(first);
    String movedLayout = driver.findElement(By.id("mask-preview")).getDomAttribute("data-layout");
    assertThat(movedLayout)
        .isNotEqualTo(planned)
        .contains("SUMMER SALE " + String.join(",", after));

    // Mouse: drag the second box 40 px to the right.
    ((JavascriptExecutor) driver)
        .executeScript(
            "const c=document.getElementById('layout-canvas'), r=c.getBoundingClientRect();"
                + "const b=state.layout.lines[1].box, x=r.left+(b[0]+b[2])/2/128*r.width, y=r.top+(b[1]+b[3])/2/128*r.height;"
                + "const ev=(t,dx)=>c.dispatchEvent(new PointerEvent(t,{clientX:x+dx,clientY:y,pointerId:1,bubbles:true}));"
                + "ev('pointerdown',0); ev('pointermove',20); ev('pointermove',40); ev('pointerup',40);");
    List<String> dragged = boxOfLine(1);
    waitForNewMask(moved);
    assertThat(driver.findElement(By.id("mask-preview")).getDomAttribute("data-layout"))
        .contains("50% OFF " + String.join(",", dragged));
    shot("compose");

    // Generate with the tiny model: a live preview, then the image with a verdict per line.
    WebElement steps = driver.findElement(By.id("steps"));
    steps.clear();
    steps.sendKeys("4");
    driver.findElement(By.id("seed")).sendKeys("5");
    // The generator's defaults: guidance 3, prompt guidance 2 in the glyphs mode.
    assertThat(driver.findElement(By.id("guidance")).getDomProperty("value")).isEqualTo("3");
    WebElement promptGuidance = driver.findElement(By.id("promptGuidance"));
    assertThat(promptGuidance.getDomProperty("value")).isEqualTo("2");
    promptGuidance.clear();
    promptGuidance.sendKeys("2.5");
    driver.findElement(By.id("generate")).click();
    WebElement result = driver.findElement(By.id("generate-result"));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("generate-result"), "Done"));
    assertThat(result.getText())
        .contains(TinyGlyphUnet.NAME)
        .contains("4 steps")
        .contains("guidance 3 on glyphs · prompt guidance 2.5")
        .contains("image 1 · seed 5")
        .containsPattern("“SUMMER SALE” (read|missed) \\(score [01]\\.\\d\\d")
        .containsPattern("“50% OFF” (read|missed) \\(score");
    assertThat(result.getDomAttribute("class")).contains("ok");
    assertThat(driver.findElements(By.id("gallery-live"))).isEmpty();
    List<WebElement> figures = driver.findElements(By.cssSelector("#gallery figure"));
    assertThat(figures).hasSize(1);
    waiting()
        .until(
            d ->
                d.findElement(By.cssSelector("#gallery figure img")).getDomAttribute("src")
                    != null);
    assertThat(
            figures.get(0).findElements(By.cssSelector("ul.verdicts li")).stream()
                .map(WebElement::getText)
                .toList())
        .hasSize(2)
        .allMatch(t -> t.matches("“.+” (read|missed) · [01]\\.\\d\\d"));
    Number width =
        (Number)
            ((JavascriptExecutor) driver)
                .executeScript("return document.querySelector('#gallery figure img').naturalWidth");
    assertThat(width.intValue()).isEqualTo(512);
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block:'center'})", result);
    shot("compose-generate");

    // Another guidance mode takes prompt guidance 1 only: the input shows 1, disabled, the request
    // leaves it out and the job runs (no 400); back on glyphs the chosen value returns.
    Select mode = new Select(driver.findElement(By.id("guidanceMode")));
    mode.selectByValue("text+glyphs");
    assertThat(promptGuidance.isEnabled()).isFalse();
    assertThat(promptGuidance.getDomProperty("value")).isEqualTo("1");
    steps.clear();
    steps.sendKeys("1");
    WebElement generate = driver.findElement(By.id("generate"));
    generate.click();
    waiting().until(d -> generate.isEnabled());
    assertThat(result.getText())
        .contains("Done")
        .contains("1 steps")
        .contains("guidance 3 on text+glyphs")
        .doesNotContain("prompt guidance");
    assertThat(result.getDomAttribute("class")).contains("ok");
    mode.selectByValue("glyphs");
    assertThat(promptGuidance.isEnabled()).isTrue();
    assertThat(promptGuidance.getDomProperty("value")).isEqualTo("2.5");

    // OCR check of an image with known text.
    Path image = Files.createTempFile("ocr-check", ".png");
    Files.write(image, textImage(640, 320, "OPEN DAILY", "FREE COFFEE"));
    driver.get("http://localhost:" + port + "/ocr.html");
    driver.findElement(By.id("ocr-file")).sendKeys(image.toAbsolutePath().toString());
    driver.findElement(By.id("ocr-expect")).sendKeys("OPEN DAILY\nFREE COFFEE\nCLOSED");
    driver.findElement(By.id("ocr-run")).click();
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.verdict"), 3));
    List<String> verdicts =
        driver.findElements(By.cssSelector("tr.verdict")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(verdicts.get(0)).startsWith("OPEN DAILY").contains("read");
    assertThat(verdicts.get(1)).startsWith("FREE COFFEE").contains("read");
    assertThat(verdicts.get(2)).startsWith("CLOSED").contains("missed");
    assertThat(driver.findElement(By.id("ocr-lines")).getText())
        .contains("OPEN DAILY")
        .contains("FREE COFFEE");
    shot("ocr");
  }

  @Test
  void aCsvBatchShowsItsMasksAndOffersTheZip() throws Exception {
    Path csv = Files.createTempFile("products", ".csv");
    Files.writeString(
        csv,
        "product,slogan,price\nGreen Tea,\"Fresh, every day\",$4.99\nRunning Shoes,Run further,$89\n");
    driver.get("http://localhost:" + port + "/batch.html");
    driver.findElement(By.id("batch-file")).sendKeys(csv.toAbsolutePath().toString());
    driver.findElement(By.id("batch-run")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-download")));
    // Each item's mask, then its generated image.
    assertThat(driver.findElements(By.cssSelector("#batch-thumbs figure"))).hasSize(4);
    assertThat(driver.findElement(By.id("batch-status")).getText())
        .contains("Planned 2 of 2 items")
        .contains("Generated 2 images with " + TinyGlyphUnet.NAME);
    waiting()
        .until(
            d ->
                d.findElements(By.cssSelector("#batch-thumbs img")).stream()
                    .allMatch(i -> i.getDomAttribute("src") != null));
    shot("batch");
  }
}

package io.glyphwright.web.generation;

import static io.glyphwright.web.ApiTestBase.JSON_MAP;
import static io.glyphwright.web.ApiTestBase.awaitJob;
import static io.glyphwright.web.ApiTestBase.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.diffusion.generate.PngMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * {@code POST /v1/images} and batches with a real (tiny, random) glyph-unet package: jobs with
 * images, seeds and PP-OCR verdicts, PNG metadata, SSE order, cancellation, every limit.
 */
class GenerationApiTest extends GenerationTestBase {
  static final String PATH = "/v1/images";

  @Autowired WebTestClient client;

  private static String request(String extra) {
    return "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":64,\"height\":64" + extra + "}";
  }

  private Map<String, Object> submit(String json) {
    return client
        .post()
        .uri(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody(JSON_MAP)
        .returnResult()
        .getResponseBody();
  }

  private byte[] get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsListTheDiffusionModelAsAvailable() {
    Map<String, Object> models =
        client
            .get()
            .uri("/v1/models")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> diffusion = (Map<String, Object>) models.get("diffusion");
    assertThat(diffusion.get("available")).isEqualTo(true);
    assertThat(diffusion.get("model")).isEqualTo(TinyGlyphUnet.NAME);
    assertThat((String) diffusion.get("detail")).contains("read back by ppocr-v4");
    Map<String, Object> info = (Map<String, Object>) diffusion.get("info");
    assertThat(info)
        .containsEntry("name", TinyGlyphUnet.NAME)
        .containsEntry("resolution", 32)
        .containsEntry("sizeMultiple", 8);
    assertThat((String) info.get("sha256")).matches("[0-9a-f]{64}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRequestBecomesAJobWithImagesSeedsAndOcrVerdicts() throws Exception {
    Map<String, Object> job = submit(request(",\"steps\":4,\"seed\":42,\"n\":2"));
    assertThat(job.get("kind")).isEqualTo("generate");
    String id = (String) job.get("id");
    Map<String, Object> view = awaitJob(client, id, Duration.ofSeconds(120));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    List<String> images = (List<String>) view.get("images");
    assertThat(images).hasSize(2);
    Map<String, Object> result = (Map<String, Object>) view.get("result");
    assertThat(result)
        .containsEntry("model", TinyGlyphUnet.NAME)
        .containsEntry("seed", 42)
        .containsEntry("steps", 4)
        .containsEntry("n", 2)
        .containsEntry("bestOf", 1)
        .containsEntry("guidance", 3.0) // the generator's defaults: guidance 3, prompt 2
        .containsEntry("guidanceMode", "glyphs")
        .containsEntry("promptGuidance", 2.0)
        .containsEntry("width", 64);
    assertThat(result.get("planner")).isNotEqualTo("given"); // planned from the prompt
    assertThat((String) result.get("layoutTd2")).contains("OPEN");
    List<Map<String, Object>> checks = (List<Map<String, Object>>) result.get("checks");
    assertThat(checks).extracting(c -> c.get("seed")).containsExactly(42, 43);
    for (Map<String, Object> check : checks) {
      List<Map<String, Object>> verdicts = (List<Map<String, Object>>) check.get("verdicts");
      assertThat(verdicts).extracting(v -> v.get("text")).containsExactly("OPEN");
      Map<String, Object> v = verdicts.get(0);
      assertThat(v.get("read")).isInstanceOf(Boolean.class);
      assertThat(((Number) v.get("score")).doubleValue()).isBetween(0.0, 1.0);
      assertThat(v).containsKey("readAs");
      assertThat(check).containsKeys("linesRead", "score", "url");
    }
    // The job's ocr lists every (image, line) verdict.
    List<Map<String, Object>> ocr = (List<Map<String, Object>>) view.get("ocr");
    assertThat(ocr)
        .extracting(l -> l.get("image") + ":" + l.get("text"))
        .containsExactly("0:OPEN", "1:OPEN");

    // Each image is a 64×64 PNG carrying its own seed and the model in its metadata, on disk in
    // the job's folder.
    byte[] png = get(images.get(1));
    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(64);
    Path stored = DATA.resolve("jobs").resolve(id).resolve("images").resolve("1.png");
    assertThat(Files.readAllBytes(stored)).isEqualTo(png);
    String meta = PngMetadata.read(stored).orElseThrow();
    assertThat(meta)
        .contains("\"seed\":43")
        .contains("\"steps\":4")
        .contains("\"guidance\":3.0")
        .contains("\"guidanceMode\":\"glyphs\"")
        .contains("\"promptGuidance\":2.0")
        .contains(TinyGlyphUnet.NAME)
        .contains("\"verdicts\":[{\"text\":\"OPEN\"");

    // The same seed gives the same pixels: image 1 again from its own seed.
    String again = (String) submit(request(",\"steps\":4,\"seed\":43,\"n\":1")).get("id");
    Map<String, Object> second = awaitJob(client, again, Duration.ofSeconds(120));
    byte[] repeat = get(((List<String>) second.get("images")).get(0));
    assertThat(ImageIO.read(new ByteArrayInputStream(repeat)).getRGB(0, 0, 64, 64, null, 0, 64))
        .isEqualTo(ImageIO.read(new ByteArrayInputStream(png)).getRGB(0, 0, 64, 64, null, 0, 64));
  }

  @Test
  @SuppressWarnings("unchecked")
  void bestOfKeepsOneCandidatePerImageAndSaysWhich() throws Exception {
    String layout =
        ",\"layout\":{\"width\":64,\"height\":64,\"lines\":[{\"text\":\"HI\",\"box\":[10,10,118,60]}]}";
    String id = (String) submit(request(layout + ",\"steps\":2,\"seed\":7,\"bestOf\":2")).get("id");
    Map<String, Object> view = awaitJob(client, id, Duration.ofSeconds(120));
    assertThat(view.get("status")).isEqualTo("done");
    Map<String, Object> result = (Map<String, Object>) view.get("result");
    assertThat(result).containsEntry("planner", "given").containsEntry("bestOf", 2);
    Map<String, Object> check = ((List<Map<String, Object>>) result.get("checks")).get(0);
    int candidate = (Integer) check.get("candidate");
    assertThat(candidate).isBetween(0, 1);
    assertThat(((Number) check.get("seed")).longValue()).isEqualTo(7L + candidate);
  }

  @Test
  void theGuidanceModeIsUsedAndEchoed() throws Exception {
    assertModeUsedAndEchoed("TEXT", "text", 5);
  }

  @Test
  void theTwoPassTextAndGlyphsModeGeneratesAndIsEchoed() throws Exception {
    // The default (glyphs, three passes) is covered above; text+glyphs must be asked for.
    assertModeUsedAndEchoed("Text+Glyphs", "text+glyphs", 6);
  }

  /**
   * A 2-step job asked for in mode {@code asked}, without a prompt guidance: done, with {@code id}
   * in result and PNG and the mode's prompt guidance, 1.
   */
  @SuppressWarnings("unchecked")
  private void assertModeUsedAndEchoed(String asked, String id, int seed) throws Exception {
    String job =
        (String)
            submit(request(",\"steps\":2,\"seed\":" + seed + ",\"guidanceMode\":\"" + asked + "\""))
                .get("id");
    Map<String, Object> view = awaitJob(client, job, Duration.ofSeconds(120));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    Map<String, Object> result = (Map<String, Object>) view.get("result");
    assertThat(result)
        .containsEntry("guidanceMode", id)
        .containsEntry("promptGuidance", 1.0)
        .containsEntry("guidance", 3.0)
        .containsEntry("seed", seed);
    Path stored = DATA.resolve("jobs").resolve(job).resolve("images").resolve("0.png");
    assertThat(PngMetadata.read(stored).orElseThrow())
        .contains("\"guidanceMode\":\"" + id + "\"")
        .contains("\"promptGuidance\":1.0");
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePromptGuidanceIsUsedAndEchoed() throws Exception {
    String job =
        (String)
            submit(
                    request(
                        ",\"steps\":2,\"seed\":9,\"guidanceMode\":\"glyphs\","
                            + "\"promptGuidance\":1"))
                .get("id");
    Map<String, Object> view = awaitJob(client, job, Duration.ofSeconds(120));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    assertThat((Map<String, Object>) view.get("result"))
        .containsEntry("guidanceMode", "glyphs")
        .containsEntry("promptGuidance", 1.0)
        .containsEntry("seed", 9);
    Path stored = DATA.resolve("jobs").resolve(job).resolve("images").resolve("0.png");
    assertThat(PngMetadata.read(stored).orElseThrow())
        .contains("\"guidanceMode\":\"glyphs\"")
        .contains("\"promptGuidance\":1.0");
    // It reaches the sampler: the same seed with the default, 2, paints other pixels.
    String byDefault = (String) submit(request(",\"steps\":2,\"seed\":9")).get("id");
    Map<String, Object> defaultView = awaitJob(client, byDefault, Duration.ofSeconds(120));
    assertThat((Map<String, Object>) defaultView.get("result"))
        .containsEntry("guidance", 3.0)
        .containsEntry("promptGuidance", 2.0);
    assertThat(pixels(get(((List<String>) defaultView.get("images")).get(0))))
        .isNotEqualTo(pixels(get(((List<String>) view.get("images")).get(0))));
  }

  @Test
  void eventsStreamProgressAndPreviewFramesThenDone() {
    String id = (String) submit(request(",\"steps\":8,\"seed\":1")).get("id");
    List<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/v1/jobs/" + id + "/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody()
            .filter(e -> e.event() != null)
            .collectList()
            .block(Duration.ofSeconds(120));
    List<String> types = events.stream().map(ServerSentEvent::event).toList();
    assertThat(types.get(0)).isEqualTo("progress");
    assertThat(types.get(types.size() - 1)).isEqualTo("done");
    assertThat(types.subList(0, types.size() - 1)).containsOnly("progress", "preview");
    List<String> stages =
        events.stream()
            .filter(e -> e.event().equals("progress"))
            .map(e -> (String) e.data().get("stage"))
            .toList();
    assertThat(stages).contains("image 1 of 1: step 1 of 8", "image 1 of 1: step 8 of 8");
    List<Map<String, Object>> previews =
        events.stream().filter(e -> e.event().equals("preview")).map(e -> e.data()).toList();
    // Frames (inline, 16×16 for r = 4) every 2 steps, then the image itself.
    assertThat(previews.stream().filter(p -> Boolean.TRUE.equals(p.get("frame"))).count())
        .isEqualTo(4);
    assertThat((String) previews.get(0).get("image")).startsWith("data:image/png;base64,");
    assertThat(previews.get(previews.size() - 1))
        .containsEntry("image", "/v1/jobs/" + id + "/images/0.png")
        .doesNotContainKey("frame");
    List<Double> progress =
        events.stream()
            .filter(e -> e.event().equals("progress"))
            .map(e -> ((Number) e.data().get("progress")).doubleValue())
            .toList();
    assertThat(progress).isSorted();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunningGenerationIsCancelledBetweenSteps() throws Exception {
    // 4 images × 100 steps at 512×512: long enough to be caught mid-way.
    String id =
        (String)
            submit(
                    "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512,"
                        + "\"steps\":100,\"n\":4,\"seed\":3}")
                .get("id");
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Map<String, Object> v =
          client
              .get()
              .uri("/v1/jobs/" + id)
              .exchange()
              .expectBody(JSON_MAP)
              .returnResult()
              .getResponseBody();
      if (String.valueOf(v.get("stage")).contains("step")) {
        break;
      }
      assertThat(System.nanoTime()).as("the job never reached a sampling step").isLessThan(end);
      Thread.sleep(20);
    }
    client
        .delete()
        .uri("/v1/jobs/" + id)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("cancelled");
    Map<String, Object> view = awaitJob(client, id, Duration.ofSeconds(10));
    assertThat(view.get("status")).isEqualTo("cancelled");
    assertThat((List<String>) view.get("images")).isEmpty();
    // The worker is free again: the next job runs to the end.
    String next = (String) submit(request(",\"steps\":2")).get("id");
    assertThat(awaitJob(client, next, Duration.ofSeconds(60)).get("status")).isEqualTo("done");
  }

  @Test
  void everyLimitIsEnforcedWithAProblem() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"'OPEN'\",\"width\":100,\"height\":64}",
            400,
            "out-of-range");
    assertThat(p.get("field")).isEqualTo("width");
    assertThat((String) p.get("detail"))
        .contains("multiples of 8")
        .contains("trained at 32×32")
        .contains(TinyGlyphUnet.NAME);
    assertThat(
            expectProblem(
                    client,
                    PATH,
                    "{\"prompt\":\"'OPEN'\",\"width\":64,\"height\":1536}",
                    400,
                    "out-of-range")
                .get("field"))
        .isEqualTo("height");
    for (String[] bad :
        new String[][] {
          {",\"steps\":0", "steps"},
          {",\"steps\":101", "steps"},
          {",\"n\":0", "n"},
          {",\"n\":5", "n"},
          {",\"bestOf\":0", "bestOf"},
          {",\"bestOf\":5", "bestOf"},
          {",\"guidance\":-1", "guidance"},
          {",\"guidance\":20.5", "guidance"},
          {",\"seed\":-1", "seed"},
          {",\"seed\":9007199254740992", "seed"},
        }) {
      assertThat(expectProblem(client, PATH, request(bad[0]), 400, "out-of-range").get("field"))
          .as(bad[0])
          .isEqualTo(bad[1]);
    }
    assertThat(
            expectProblem(client, PATH, request(",\"bestOf\":\"two\""), 400, "wrong-type")
                .get("field"))
        .isEqualTo("bestOf");
    expectProblem(client, PATH, request(",\"scheduler\":\"plms\""), 400, "unknown-scheduler");
    assertThat(
            expectProblem(
                    client,
                    PATH,
                    request(",\"guidanceMode\":\"none\""),
                    400,
                    "unknown-guidance-mode")
                .get("field"))
        .isEqualTo("guidanceMode");
    expectProblem(client, PATH, request(",\"candidates\":2"), 400, "unknown-field");
    expectProblem(client, PATH, request(",\"planner\":\"nope\""), 400, "unknown-planner");
    expectProblem(client, PATH, "{\"width\":64,\"height\":64}", 400, "missing-field");
    expectProblem(client, PATH, "{\"prompt\":\"x\",", 400, "invalid-json");
    String otherSize =
        ",\"layout\":{\"width\":64,\"height\":128,\"lines\":[{\"text\":\"OPEN\",\"box\":[10,10,100,40]}]}";
    expectProblem(client, PATH, request(otherSize), 400, "invalid-layout");
    String badFont =
        ",\"layout\":{\"width\":64,\"height\":64,\"lines\":[{\"text\":\"OPEN\",\"box\":[10,10,100,40],\"font\":\"nope\"}]}";
    expectProblem(client, PATH, request(badFont), 400, "unknown-font");
  }

  @Test
  void aBatchZipHoldsEachItemsImageAndTheOcrVerdicts() throws Exception {
    String json =
        "{\"items\":[{\"prompt\":\"A sign that says 'OPEN'\",\"width\":64,\"height\":64},"
            + "{\"prompt\":\"A label that says 'TEA' and 'HOT'\",\"width\":64,\"height\":64}],"
            + "\"planner\":\"heuristic\"}";
    Map<String, Object> job =
        client
            .post()
            .uri("/v1/batches")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    String id = (String) job.get("id");
    Map<String, Object> view = awaitJob(client, id, Duration.ofSeconds(180));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) view.get("result");
    assertThat(result)
        .containsEntry("model", TinyGlyphUnet.NAME)
        .containsEntry("generated", 2)
        .containsEntry("generationFailed", 0)
        .containsEntry("guidanceMode", "glyphs")
        .containsEntry("promptGuidance", 2.0)
        .containsEntry("steps", 20)
        .containsEntry("guidance", 3.0)
        .containsEntry("scheduler", "dpm++2m");
    long seed = ((Number) result.get("seed")).longValue();
    Map<String, byte[]> zip = unzip(get("/v1/batches/" + id + "/result.zip"));
    assertThat(zip.keySet())
        .contains(
            "layouts.csv",
            "layouts.jsonl",
            "ocr.csv",
            "masks/0001.png",
            "masks/0002.png",
            "images/0001.png",
            "images/0002.png");
    List<String> ocr = new String(zip.get("ocr.csv"), StandardCharsets.UTF_8).lines().toList();
    assertThat(ocr.get(0)).isEqualTo("item,line,text,read,score,readAs,seed");
    assertThat(ocr).hasSize(4);
    assertThat(ocr.get(1)).startsWith("1,1,OPEN,").endsWith("," + seed);
    assertThat(ocr.get(2)).startsWith("2,1,TEA,").endsWith("," + (seed + 1));
    assertThat(ocr.get(3)).startsWith("2,2,HOT,");
    String layouts = new String(zip.get("layouts.csv"), StandardCharsets.UTF_8);
    assertThat(layouts.lines().findFirst().orElseThrow())
        .endsWith(",image,seed,lines_read,image_error");
    assertThat(layouts).contains("images/0002.png," + (seed + 1) + ",");
    Path png = Files.createTempFile("batch-image", ".png");
    Files.write(png, zip.get("images/0001.png"));
    assertThat(PngMetadata.read(png).orElseThrow()).contains("\"seed\":" + seed);
    Files.delete(png);
  }

  private Map<String, Object> batch(String json) throws InterruptedException {
    Map<String, Object> job =
        client
            .post()
            .uri("/v1/batches")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> view = awaitJob(client, (String) job.get("id"), Duration.ofSeconds(180));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    return view;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Map<String, Object> view) {
    return (Map<String, Object>) view.get("result");
  }

  private Map<String, byte[]> batchZip(Map<String, Object> view) throws IOException {
    return unzip(get("/v1/batches/" + view.get("id") + "/result.zip"));
  }

  private static int[] pixels(byte[] png) throws IOException {
    var image = ImageIO.read(new ByteArrayInputStream(png));
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static String metadata(byte[] png) throws IOException {
    Path file = Files.createTempFile("batch-image", ".png");
    try {
      Files.write(file, png);
      return PngMetadata.read(file).orElseThrow();
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aBatchUsesItsSamplingFieldsAndItsSeedMakesTheSameImagesAgain() throws Exception {
    String open = "{\"prompt\":\"A sign that says 'OPEN'\",\"width\":64,\"height\":64}";
    String tea = "{\"prompt\":\"A label that says 'TEA'\",\"width\":64,\"height\":64}";
    String fields =
        ",\"planner\":\"heuristic\",\"steps\":3,\"guidance\":7.5,\"scheduler\":\"DDIM\","
            + "\"guidanceMode\":\"text\"}";
    Map<String, Object> first = batch("{\"items\":[" + open + "," + tea + "],\"seed\":42" + fields);
    assertThat(result(first))
        .containsEntry("generated", 2)
        .containsEntry("generationFailed", 0)
        .containsEntry("seed", 42)
        .containsEntry("steps", 3)
        .containsEntry("guidance", 7.5)
        .containsEntry("scheduler", "ddim")
        .containsEntry("guidanceMode", "text")
        .containsEntry("promptGuidance", 1.0); // the mode's default: text takes only 1
    Map<String, byte[]> zip = batchZip(first);
    assertThat(metadata(zip.get("images/0002.png")))
        .contains("\"seed\":43")
        .contains("\"steps\":3")
        .contains("\"guidance\":7.5")
        .contains("\"scheduler\":\"ddim\"")
        .contains("\"guidanceMode\":\"text\"");
    assertThat(new String(zip.get("layouts.csv"), StandardCharsets.UTF_8))
        .contains("images/0001.png,42,")
        .contains("images/0002.png,43,");

    // Item 2 again, as item 1 of a batch seeded with its seed; item 2 there has another seed.
    Map<String, Object> second = batch("{\"items\":[" + tea + "," + tea + "],\"seed\":43" + fields);
    assertThat(result(second)).containsEntry("seed", 43).containsEntry("steps", 3);
    Map<String, byte[]> again = batchZip(second);
    assertThat(pixels(again.get("images/0001.png"))).isEqualTo(pixels(zip.get("images/0002.png")));
    assertThat(pixels(again.get("images/0002.png")))
        .isNotEqualTo(pixels(again.get("images/0001.png")));
  }

  @Test
  void aCsvBatchTakesTheSamplingFieldsAsFormFields() throws Exception {
    Map<String, Object> view =
        csvBatch(
            "Green Tea,Fresh,$4.99\nRunning Shoes,Run,$89\n",
            Map.of(
                "seed", "7",
                "steps", "2",
                "guidance", "3",
                "scheduler", "Euler_A",
                "guidanceMode", "TEXT"));
    assertThat(result(view))
        .containsEntry("generated", 2)
        .containsEntry("seed", 7)
        .containsEntry("steps", 2)
        .containsEntry("guidance", 3.0)
        .containsEntry("scheduler", "euler_a")
        .containsEntry("guidanceMode", "text")
        .containsEntry("promptGuidance", 1.0);
    Map<String, byte[]> zip = batchZip(view);
    assertThat(new String(zip.get("layouts.csv"), StandardCharsets.UTF_8))
        .contains("images/0001.png,7,")
        .contains("images/0002.png,8,");
    assertThat(metadata(zip.get("images/0001.png")))
        .contains("\"seed\":7")
        .contains("\"steps\":2")
        .contains("\"scheduler\":\"euler_a\"")
        .contains("\"guidanceMode\":\"text\"");
  }

  /**
   * Posts {@code csv} as a CSV batch of 64×64 images planned by the heuristic planner, with {@code
   * fields} as further form fields, and returns the finished job's view.
   */
  private Map<String, Object> csvBatch(String csv, Map<String, String> fields) throws Exception {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part(
            "file",
            new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
              @Override
              public String getFilename() {
                return "products.csv";
              }
            })
        .contentType(MediaType.parseMediaType("text/csv"));
    form.part("width", "64");
    form.part("height", "64");
    form.part("planner", "heuristic");
    fields.forEach(form::part);
    Map<String, Object> job =
        client
            .post()
            .uri("/v1/batches")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(form.build()))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> view = awaitJob(client, (String) job.get("id"), Duration.ofSeconds(180));
    assertThat(view.get("status")).as("%s", view.get("error")).isEqualTo("done");
    return view;
  }

  @Test
  void aBatchCarriesItsPromptGuidanceToEachItemsImage() throws Exception {
    String item = "{\"prompt\":\"A red sign that says 'OPEN'\",\"width\":64,\"height\":64}";
    Map<String, Object> json =
        batch(
            "{\"items\":["
                + item
                + "],\"planner\":\"heuristic\",\"seed\":11,\"steps\":2,"
                + "\"guidanceMode\":\"glyphs\",\"promptGuidance\":2}");
    assertThat(result(json))
        .containsEntry("generated", 1)
        .containsEntry("generationFailed", 0)
        .containsEntry("guidanceMode", "glyphs")
        .containsEntry("promptGuidance", 2.0);
    assertThat(metadata(batchZip(json).get("images/0001.png")))
        .contains("\"seed\":11")
        .contains("\"promptGuidance\":2.0");

    Map<String, Object> csv =
        csvBatch("Green Tea,Fresh,$4.99\n", Map.of("steps", "2", "promptGuidance", "2.5"));
    assertThat(result(csv))
        .containsEntry("generated", 1)
        .containsEntry("guidanceMode", "glyphs")
        .containsEntry("promptGuidance", 2.5);
    assertThat(metadata(batchZip(csv).get("images/0001.png"))).contains("\"promptGuidance\":2.5");
  }

  @Test
  void aBatchWithAModelRefusesBadSamplingFieldsAsImagesDo() {
    String items = "{\"items\":[{\"prompt\":\"'OPEN'\",\"width\":64,\"height\":64}]";
    for (String[] bad :
        new String[][] {
          {",\"steps\":0", "out-of-range"},
          {",\"guidance\":20.5", "out-of-range"},
          {",\"seed\":9007199254740992", "out-of-range"},
          {",\"scheduler\":\"plms\"", "unknown-scheduler"},
          {",\"guidanceMode\":\"none\"", "unknown-guidance-mode"},
          {",\"promptGuidance\":31", "out-of-range"},
          {",\"guidanceMode\":\"text\",\"promptGuidance\":2", "out-of-range"},
        }) {
      Map<String, Object> image = expectProblem(client, PATH, request(bad[0]), 400, bad[1]);
      Map<String, Object> batch =
          expectProblem(client, "/v1/batches", items + bad[0] + "}", 400, bad[1]);
      assertThat(batch.get("field")).as(bad[0]).isEqualTo(image.get("field"));
    }
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}

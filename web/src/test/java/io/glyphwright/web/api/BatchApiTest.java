package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

class BatchApiTest extends ApiTestBase {
  static final String PATH = "/v1/batches";

  @Autowired WebTestClient client;

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private byte[] download(String id) {
    return client
        .get()
        .uri(PATH + "/" + id + "/result.zip")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("application/zip")
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJsonBatchGivesMasksAndACsvInAZip() throws Exception {
    Map<String, Object> job =
        client
            .post()
            .uri(PATH)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"items\":[{\"prompt\":\"A poster that says 'OPEN'\",\"width\":256,\"height\":256},"
                    + "{\"prompt\":\"A sign saying 'EXIT' and '出口'\",\"width\":512,\"height\":256}]}")
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    String id = (String) job.get("id");
    assertThat(((Map<String, String>) job.get("links")).get("download"))
        .isEqualTo(PATH + "/" + id + "/result.zip");
    Map<String, Object> done = awaitJob(client, id, Duration.ofSeconds(30));
    assertThat(done.get("status")).isEqualTo("done");
    assertThat((List<String>) done.get("images"))
        .containsExactly("/v1/jobs/" + id + "/images/0.png", "/v1/jobs/" + id + "/images/1.png");

    Map<String, byte[]> zip = unzip(download(id));
    assertThat(zip.keySet())
        .containsExactly("layouts.csv", "layouts.jsonl", "masks/0001.png", "masks/0002.png");
    String csv = new String(zip.get("layouts.csv"), StandardCharsets.UTF_8);
    List<String> rows = csv.lines().toList();
    assertThat(rows.get(0))
        .isEqualTo("index,prompt,width,height,planner,layout_td2,mask,notes,error");
    assertThat(csv).contains("OPEN ").contains("出口 ").contains("masks/0002.png");
    assertThat(new String(zip.get("layouts.jsonl"), StandardCharsets.UTF_8).lines().toList())
        .hasSize(2);

    client
        .get()
        .uri("/v1/jobs/" + id + "/images/1.png")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_PNG);
    client
        .get()
        .uri("/v1/jobs/" + id + "/images/7.png")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unknown-image");
  }

  private static MultipartBodyBuilder csvForm(String csv) {
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
    form.part("width", "512");
    form.part("height", "512");
    return form;
  }

  @Test
  void aProductCsvBecomesOneItemPerRow() throws Exception {
    String csv =
        "product,slogan,price\r\nGreen Tea,\"Fresh, every day\",$4.99\r\nRunning Shoes,Run further,$89\r\n";
    Map<String, Object> job =
        postForm(client, PATH, csvForm(csv))
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    String id = (String) job.get("id");
    assertThat(awaitJob(client, id, Duration.ofSeconds(30)).get("status")).isEqualTo("done");
    String out = new String(unzip(download(id)).get("layouts.csv"), StandardCharsets.UTF_8);
    assertThat(out).startsWith("index,product,slogan,price,prompt,");
    assertThat(out)
        .contains("1,Green Tea,\"Fresh, every day\",$4.99,")
        .contains("Fresh, every day ")
        .contains("$89 ");
  }

  @Test
  void badCsvsAreRefusedWithTheRow() {
    postForm(client, PATH, csvForm("Green Tea,Fresh\n"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-csv")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("row 1 has 2 fields"));
    postForm(client, PATH, csvForm("product,slogan,price\n"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("no rows"));
    postForm(client, PATH, csvForm("Tea,\"unclosed,1\n"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-csv");
    MultipartBodyBuilder latin1 = new MultipartBodyBuilder();
    latin1.part(
        "file",
        new ByteArrayResource(new byte[] {'C', 'a', 'f', (byte) 0xE9, ',', 'a', ',', 'b'}) {
          @Override
          public String getFilename() {
            return "p.csv";
          }
        });
    postForm(client, PATH, latin1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("UTF-8"));
    MultipartBodyBuilder badWidth = new MultipartBodyBuilder();
    badWidth.part(
        "file",
        new ByteArrayResource("Tea,Fresh,$1\n".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "p.csv";
          }
        });
    badWidth.part("width", "huge");
    postForm(client, PATH, badWidth)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/wrong-type");
  }

  @Test
  void itemCountsAndItemsAreChecked() {
    expectProblem(client, PATH, "{\"items\":[]}", 400, "out-of-range");
    String many =
        IntStream.range(0, 101)
            .mapToObj(i -> "{\"prompt\":\"'A'\",\"width\":128,\"height\":128}")
            .collect(Collectors.joining(",", "{\"items\":[", "]}"));
    expectProblem(client, PATH, many, 400, "out-of-range");
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"items\":[{\"prompt\":\"'A'\",\"width\":128,\"height\":128},{\"prompt\":\"'B'\",\"width\":8,\"height\":128}]}",
            400,
            "out-of-range");
    assertThat(p.get("field")).isEqualTo("items[1]");
    expectProblem(client, PATH, "{\"items\":{}}", 400, "wrong-type");
    expectProblem(client, PATH, "{}", 400, "missing-field");
  }

  private static final String ONE_ITEM =
      "{\"items\":[{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512}]";

  private static String imageRequest(String extra) {
    return "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512" + extra + "}";
  }

  @Test
  void theSamplingFieldsOfAJsonBatchAreCheckedAsForImages() {
    for (String[] bad :
        new String[][] {
          {",\"steps\":0", "out-of-range", "steps"},
          {",\"steps\":101", "out-of-range", "steps"},
          {",\"steps\":\"many\"", "wrong-type", "steps"},
          {",\"guidance\":-1", "out-of-range", "guidance"},
          {",\"guidance\":20.5", "out-of-range", "guidance"},
          {",\"guidance\":\"high\"", "wrong-type", "guidance"},
          {",\"seed\":-1", "out-of-range", "seed"},
          {",\"seed\":9007199254740992", "out-of-range", "seed"},
          {",\"seed\":\"abc\"", "wrong-type", "seed"},
          {",\"seed\":1.5", "wrong-type", "seed"},
          {",\"scheduler\":\"plms\"", "unknown-scheduler", "scheduler"},
          {",\"scheduler\":7", "wrong-type", "scheduler"},
          {",\"guidanceMode\":\"none\"", "unknown-guidance-mode", "guidanceMode"},
          {",\"promptGuidance\":31", "out-of-range", "promptGuidance"},
          {",\"promptGuidance\":\"high\"", "wrong-type", "promptGuidance"},
          {",\"guidanceMode\":\"text\",\"promptGuidance\":2", "out-of-range", "promptGuidance"},
        }) {
      Map<String, Object> image =
          expectProblem(client, "/v1/images", imageRequest(bad[0]), 400, bad[1]);
      Map<String, Object> batch = expectProblem(client, PATH, ONE_ITEM + bad[0] + "}", 400, bad[1]);
      assertThat(batch.get("field")).as(bad[0]).isEqualTo(bad[2]).isEqualTo(image.get("field"));
      assertThat(batch.get("detail")).as(bad[0]).isEqualTo(image.get("detail"));
    }
  }

  @Test
  void theSamplingFieldsOfACsvBatchAreCheckedAsForImages() {
    // {form field, value, the same value in a /v1/images body, problem type}
    for (String[] bad :
        new String[][] {
          {"steps", "0", "0", "out-of-range"},
          {"steps", "101", "101", "out-of-range"},
          {"steps", "1.5", "1.5", "wrong-type"},
          {"guidance", "-1", "-1", "out-of-range"},
          {"guidance", "21", "21", "out-of-range"},
          {"guidance", "NaN", "\"NaN\"", "wrong-type"},
          {"guidance", "high", "\"high\"", "wrong-type"},
          {"seed", "abc", "\"abc\"", "wrong-type"},
          {"seed", "1.5", "1.5", "wrong-type"},
          {"seed", "-1", "-1", "out-of-range"},
          {"seed", "9007199254740992", "9007199254740992", "out-of-range"},
          {"scheduler", "plms", "\"plms\"", "unknown-scheduler"},
          {"guidanceMode", "letters", "\"letters\"", "unknown-guidance-mode"},
          {"promptGuidance", "31", "31", "out-of-range"},
          {"promptGuidance", "-1", "-1", "out-of-range"},
          {"promptGuidance", "high", "\"high\"", "wrong-type"},
        }) {
      String what = bad[0] + "=" + bad[1];
      Map<String, Object> image =
          expectProblem(
              client, "/v1/images", imageRequest(",\"" + bad[0] + "\":" + bad[2]), 400, bad[3]);
      MultipartBodyBuilder form = csvForm("Green Tea,Fresh,$4.99\n");
      form.part(bad[0], bad[1]);
      Map<String, Object> batch =
          postForm(client, PATH, form)
              .expectStatus()
              .isBadRequest()
              .expectBody(JSON_MAP)
              .returnResult()
              .getResponseBody();
      assertProblem(batch, 400, bad[3], PATH);
      assertThat(batch.get("field")).as(what).isEqualTo(bad[0]).isEqualTo(image.get("field"));
      if (!bad[3].equals("wrong-type")) { // a form says what text it got, a body what JSON
        assertThat(batch.get("detail")).as(what).isEqualTo(image.get("detail"));
      }
    }
  }

  @Test
  void aCsvBatchRefusesPromptGuidanceOutsideTheGlyphsModeAsImagesDo() {
    Map<String, Object> image =
        expectProblem(
            client,
            "/v1/images",
            imageRequest(",\"guidanceMode\":\"text\",\"promptGuidance\":2"),
            400,
            "out-of-range");
    MultipartBodyBuilder form = csvForm("Green Tea,Fresh,$4.99\n");
    form.part("guidanceMode", "text");
    form.part("promptGuidance", "2");
    Map<String, Object> batch =
        postForm(client, PATH, form)
            .expectStatus()
            .isBadRequest()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    assertProblem(batch, 400, "out-of-range", PATH);
    assertThat(batch.get("field")).isEqualTo("promptGuidance").isEqualTo(image.get("field"));
    assertThat(batch.get("detail"))
        .isEqualTo(image.get("detail"))
        .isEqualTo(
            "promptGuidance applies to guidance mode glyphs only (text guides the prompt by"
                + " guidance); got 2.0 with text");
  }

  @Test
  @SuppressWarnings("unchecked")
  void validSamplingFieldsAreAcceptedWithoutAModelAndNothingIsGenerated() throws Exception {
    String json =
        ONE_ITEM
            + ",\"seed\":42,\"steps\":4,\"guidance\":7.5,\"scheduler\":\"EULER_A\","
            + "\"guidanceMode\":\"Text\",\"promptGuidance\":1}";
    Map<String, Object> job =
        client
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
    Map<String, Object> done = awaitJob(client, (String) job.get("id"), Duration.ofSeconds(30));
    assertThat(done.get("status")).isEqualTo("done");
    assertThat((Map<String, Object>) done.get("result"))
        .containsEntry("items", 1)
        .doesNotContainKeys(
            "model", "seed", "steps", "guidance", "scheduler", "guidanceMode", "promptGuidance");
    assertThat(unzip(download((String) job.get("id"))).keySet())
        .containsExactly("layouts.csv", "layouts.jsonl", "masks/0001.png");

    MultipartBodyBuilder form = csvForm("Green Tea,Fresh,$4.99\n"); // every part: 10
    form.part("planner", "heuristic");
    form.part("seed", "42");
    form.part("steps", "4");
    form.part("guidance", "7.5");
    form.part("scheduler", "ddim");
    form.part("guidanceMode", "text+glyphs");
    form.part("promptGuidance", "1");
    String id =
        (String)
            postForm(client, PATH, form)
                .expectStatus()
                .isAccepted()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody()
                .get("id");
    assertThat(awaitJob(client, id, Duration.ofSeconds(30)).get("status")).isEqualTo("done");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOpenApiDescriptionListsTheBatchFields() {
    Map<String, Object> doc =
        client
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> batch = (Map<String, Object>) schemas.get("BatchRequest");
    assertThat((Map<String, Object>) batch.get("properties"))
        .containsKeys(
            "items",
            "planner",
            "seed",
            "steps",
            "guidance",
            "scheduler",
            "guidanceMode",
            "promptGuidance");
    // The generator's defaults, as for images: guidance 3, prompt guidance 2 (in mode glyphs),
    // springdoc giving them as written.
    for (String request : List.of("BatchRequest", "ImageRequest")) {
      Map<String, Object> properties =
          (Map<String, Object>) ((Map<String, Object>) schemas.get(request)).get("properties");
      assertThat(((Map<String, Object>) properties.get("guidance")).get("default"))
          .as(request)
          .hasToString("3.0");
      assertThat(((Map<String, Object>) properties.get("promptGuidance")).get("default"))
          .as(request)
          .hasToString("2.0");
    }
  }

  @Test
  void onlyAFinishedBatchCanBeDownloaded() {
    client
        .get()
        .uri(PATH + "/" + java.util.UUID.randomUUID() + "/result.zip")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .returnResult();
  }
}

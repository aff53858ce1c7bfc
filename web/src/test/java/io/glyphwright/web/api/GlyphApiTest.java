package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class GlyphApiTest extends ApiTestBase {
  static final String PATH = "/v1/glyphs";
  static final String LAYOUT =
      "{\"layout\":{\"width\":256,\"height\":128,\"grid\":128,\"lines\":["
          + "{\"text\":\"SALE\",\"box\":[16,16,112,64],\"font\":\"auto\",\"color\":null}]}}";

  @Autowired WebTestClient client;

  private byte[] post(String uri, String json) {
    return client
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_PNG)
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void theMaskHasInkInsideTheBoxOnly() throws IOException {
    BufferedImage mask = ImageIO.read(new ByteArrayInputStream(post(PATH, LAYOUT)));
    assertThat(mask.getWidth()).isEqualTo(256);
    assertThat(mask.getHeight()).isEqualTo(128);
    assertThat(mask.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    // The box [16,16,112,64] on the 128 grid is x 32..224, y 16..64 in pixels.
    Raster r = mask.getRaster();
    long inside = 0;
    long outside = 0;
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 256; x++) {
        int v = r.getSample(x, y, 0);
        boolean in = x >= 32 && x < 224 && y >= 16 && y < 64;
        if (in) {
          inside += v;
        } else {
          outside += v;
        }
      }
    }
    assertThat(inside).isGreaterThan(255L * 500);
    assertThat(outside).isZero();
  }

  @Test
  void theCharacterMapNumbersEachCharacter() throws IOException {
    BufferedImage charseg =
        ImageIO.read(new ByteArrayInputStream(post(PATH + "?kind=charseg", LAYOUT)));
    assertThat(charseg.getType()).isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
    Raster r = charseg.getRaster();
    var values =
        IntStream.range(0, 128 * 256)
            .map(i -> r.getSample(i % 256, i / 256, 0))
            .boxed()
            .collect(Collectors.toSet());
    assertThat(values).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  @Test
  void anUnknownKindIsRefused() {
    client
        .post()
        .uri(PATH + "?kind=depth")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(LAYOUT)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unknown-parameter");
  }

  private static String layoutWith(String lines) {
    return "{\"layout\":{\"width\":512,\"height\":512,\"lines\":[" + lines + "]}}";
  }

  @Test
  void tooManyLinesAreRefused() {
    String lines =
        IntStream.range(0, 17)
            .mapToObj(
                i -> "{\"text\":\"L" + i + "\",\"box\":[0," + (i * 7) + ",20," + (i * 7 + 6) + "]}")
            .collect(Collectors.joining(","));
    Map<String, Object> p = expectProblem(client, PATH, layoutWith(lines), 400, "too-many-lines");
    assertThat((String) p.get("detail")).contains("17").contains("16");
  }

  @Test
  void aTextOverTheLengthLimitIsRefused() {
    String text = "A".repeat(81);
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            layoutWith("{\"text\":\"" + text + "\",\"box\":[0,0,128,20]}"),
            400,
            "text-too-long");
    assertThat((String) p.get("detail")).contains("line 1").contains("80");
  }

  @Test
  void anUnknownFontIsRefusedWithTheInstalledOnes() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            layoutWith("{\"text\":\"HI\",\"box\":[0,0,128,20],\"font\":\"comic-sans-9000\"}"),
            400,
            "unknown-font");
    assertThat((String) p.get("detail")).contains("comic-sans-9000").contains("auto");
  }

  @Test
  void aBoxOutsideTheGridIsRefused() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            layoutWith("{\"text\":\"HI\",\"box\":[0,0,140,20]}"),
            400,
            "invalid-layout");
    assertThat((String) p.get("detail")).contains("0..128");
    expectProblem(
        client,
        PATH,
        layoutWith("{\"text\":\"HI\",\"box\":[0,0,\"x\",20]}"),
        400,
        "invalid-layout");
  }

  @Test
  void theLayoutFieldIsRequiredAndMustBeAnObject() {
    expectProblem(client, PATH, "{}", 400, "missing-field");
    expectProblem(client, PATH, "{\"layout\":\"SALE 1,2,3,4\"}", 400, "wrong-type");
  }

  @Test
  void aCanvasOverTheLimitIsRefused() {
    expectProblem(
        client,
        PATH,
        "{\"layout\":{\"width\":4096,\"height\":512,\"lines\":[]}}",
        400,
        "out-of-range");
  }

  @Test
  void askingForJsonIsNotAcceptable() {
    client
        .post()
        .uri(PATH)
        .accept(MediaType.APPLICATION_JSON)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(LAYOUT)
        .exchange()
        .expectStatus()
        .isEqualTo(406)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/not-acceptable");
  }
}

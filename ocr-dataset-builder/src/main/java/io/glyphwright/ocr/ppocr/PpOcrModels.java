package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.OcrException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PP-OCRv4 files in a model folder, checked against the sha256 sums that {@code ./glyphwright
 * setup} verifies them with ({@code setup/ppocr-v4.sha256}, packed into this jar).
 *
 * @param detector the text detection model
 * @param recognizer the text recognition model
 * @param classifier the text direction classifier
 * @param dictionary the recogniser's character list
 */
public record PpOcrModels(Path detector, Path recognizer, Path classifier, Path dictionary) {
  public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
  public static final String RECOGNIZER = "ch_PP-OCRv4_rec_infer.onnx";
  public static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
  public static final String DICTIONARY = "ppocr_keys_v1.txt";

  private static final String SUMS = "ppocr-v4.sha256";

  /**
   * Finds and verifies the four files in a folder.
   *
   * @throws OcrException naming the missing or altered file and the command that fetches it
   */
  public static PpOcrModels in(Path folder) {
    Map<String, String> sums = expectedSums();
    for (Map.Entry<String, String> e : sums.entrySet()) {
      Path file = folder.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        throw new OcrException(
            "PP-OCRv4 model file "
                + file
                + " is missing: run ./glyphwright setup to fetch the OCR models");
      }
      String actual = sha256(file);
      if (!actual.equals(e.getValue())) {
        throw new OcrException(
            "PP-OCRv4 model file "
                + file
                + " has sha256 "
                + actual
                + ", expected "
                + e.getValue()
                + ": delete "
                + folder
                + " and run ./glyphwright setup");
      }
    }
    return new PpOcrModels(
        folder.resolve(DETECTOR),
        folder.resolve(RECOGNIZER),
        folder.resolve(CLASSIFIER),
        folder.resolve(DICTIONARY));
  }

  static Map<String, String> expectedSums() {
    try (InputStream in = PpOcrModels.class.getResourceAsStream(SUMS)) {
      if (in == null) {
        throw new IllegalStateException(SUMS + " is not on the class path; the build is broken");
      }
      Map<String, String> sums = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.trim().split("\\s+\\*?", 2);
        if (parts.length == 2) {
          sums.put(parts[1], parts[0]);
        }
      }
      return sums;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SUMS, e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new OcrException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

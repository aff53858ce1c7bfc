package io.glyphwright.web.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a finished job produced (its images are saved through {@link JobContext#saveImage}).
 *
 * @param ocr lines read, for OCR checks; empty otherwise
 * @param result kind-specific output, shown as the job's {@code result}
 */
public record JobOutcome(List<Map<String, Object>> ocr, Map<String, Object> result) {
  public JobOutcome {
    ocr = List.copyOf(ocr);
    result = Map.copyOf(result);
  }
}

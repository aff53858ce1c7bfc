package io.glyphwright.web.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as {@code GET /v1/jobs/{id}} shows it, and as its {@code job.json} stores it.
 *
 * @param id the job id (a random UUID)
 * @param kind {@code ocr} or {@code batch} (generation will add {@code generate})
 * @param status queued, running, done, failed or cancelled
 * @param progress 0..1
 * @param stage what the job is doing, in words
 * @param images URLs of the job's images ({@code /v1/jobs/{id}/images/{k}.png}), in order
 * @param ocr the text lines an OCR check read, when the job is an OCR check
 * @param result what the job produced besides images and OCR lines (kind-specific), or null
 * @param error why the job failed or was cancelled, or null
 * @param links related URLs: {@code self}, {@code events}, and {@code download} for a batch
 */
public record JobView(
    String id,
    String kind,
    JobStatus status,
    double progress,
    String stage,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<String> images,
    List<Map<String, Object>> ocr,
    Map<String, Object> result,
    JobError error,
    Map<String, String> links) {

  /**
   * @param title a short summary
   * @param detail what happened and what to do
   */
  public record JobError(String title, String detail) {}
}

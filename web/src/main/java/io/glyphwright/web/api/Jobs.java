package io.glyphwright.web.api;

import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobView;
import io.glyphwright.web.jobs.JobWork;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;

/** Submission to the job queue with the queue-full refusal as a 429 problem. */
final class Jobs {
  private Jobs() {}

  static JobView submit(
      JobQueue queue, String kind, String requestId, JobQueue.FolderWriter prepare, JobWork work) {
    try {
      return queue.submit(kind, requestId, prepare, work);
    } catch (JobQueue.QueueFullException e) {
      throw ApiProblem.retryLater(ProblemType.QUEUE_FULL, e.getMessage(), e.retryAfterSeconds());
    }
  }
}

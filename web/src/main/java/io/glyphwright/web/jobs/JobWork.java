package io.glyphwright.web.jobs;

/**
 * What a job does. Runs on a job worker thread, never on the event loop; reports through its {@link
 * JobContext} and returns what it produced. Generation will be one more implementation.
 */
@FunctionalInterface
public interface JobWork {
  /**
   * @throws JobCancelledException when {@link JobContext#checkCancelled()} finds the job cancelled
   * @throws JobFailedException with a message for the user when the work cannot be done
   */
  JobOutcome run(JobContext context) throws Exception;
}

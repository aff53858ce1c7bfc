package io.glyphwright.web.jobs;

import io.glyphwright.web.config.GlyphwrightProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** The job store under the data folder, the queue, and the retention sweep. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class JobsConfig {
  private static final Logger LOG = LoggerFactory.getLogger(JobsConfig.class);

  @Bean
  public JobStore jobStore(GlyphwrightProperties props, JsonMapper mapper) {
    JobStore store = new JobStore(props.dataPath(), mapper);
    LOG.info("jobs are stored under {}", store.root());
    return store;
  }

  @Bean(destroyMethod = "close")
  public JobQueue jobQueue(JobStore store, GlyphwrightProperties props, MeterRegistry meters) {
    GlyphwrightProperties.Jobs jobs = props.jobs();
    return new JobQueue(
        store,
        jobs.concurrency(),
        jobs.queueDepth(),
        jobs.retainJobs(),
        jobs.retainFor(),
        meters,
        Clock.systemUTC());
  }

  /** Deletes expired jobs even while no job ends. */
  @Bean
  public RetentionSweep retentionSweep(JobQueue queue) {
    return new RetentionSweep(queue);
  }

  /** Runs the retention sweep every ten minutes. */
  public static final class RetentionSweep {
    private final JobQueue queue;

    RetentionSweep(JobQueue queue) {
      this.queue = queue;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    public void sweep() {
      queue.sweep();
    }
  }
}

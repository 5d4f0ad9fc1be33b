package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bosun.apiserver.registry.ResourceType;
import java.util.List;

/** The batch/v1 kinds (jobs, cron jobs) and autoscaling's horizontal pod autoscalers. */
public final class BatchKinds {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BatchKinds() {}

  /** The batch/v1 resources. */
  public static List<ResourceType> batch() {
    return List.of(
        ResourceType.builder("batch", "v1", "CronJob", "cronjobs")
            .shortNames("cj")
            .categories("all")
            .statusSubresource()
            .tracksGeneration()
            .strategy(
                KindStrategy.builder()
                    .initialStatus(NODES.objectNode())
                    .defaults(Defaults::cronJob)
                    .build())
            .schema(WorkloadSchemas.cronJob("CronJob represents the configuration of a cron job."))
            .columns(WorkloadColumns.CRON_JOBS)
            .build(),
        ResourceType.builder("batch", "v1", "Job", "jobs")
            .categories("all")
            .statusSubresource()
            .tracksGeneration()
            .strategy(
                KindStrategy.builder()
                    .initialStatus(NODES.objectNode())
                    .defaults(Defaults::job)
                    .build())
            .schema(WorkloadSchemas.job("Job represents the configuration of a single job."))
            .columns(WorkloadColumns.JOBS)
            .build());
  }

  /**
   * autoscaling/v2 (preferred, so listed first) and autoscaling/v1 horizontal pod autoscalers, one
   * storage resource holding the v2 form ({@link HpaConversion}).
   */
  private static final HpaConversion CONVERSION = new HpaConversion();

  public static List<ResourceType> autoscaling() {
    return List.of(hpa("v2"), hpa("v1"));
  }

  private static ResourceType hpa(String version) {
    return ResourceType.builder(
            "autoscaling", version, "HorizontalPodAutoscaler", "horizontalpodautoscalers")
        .shortNames("hpa")
        .categories("all")
        .statusSubresource()
        .tracksGeneration()
        .strategy(KindStrategy.builder().initialStatus(NODES.objectNode()).build())
        .schema(
            KindSchemas.specStatus(
                "HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler."))
        .columns(ScalingColumns.AUTOSCALERS)
        .conversion(CONVERSION)
        .build();
  }
}

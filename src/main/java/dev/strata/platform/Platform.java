package dev.strata.platform;

import com.pulumi.core.Output;
import dev.strata.config.Cloud;

import java.util.Map;

/**
 * The cloud-neutral contract between a cloud's platform and everything built on top of it. The
 * workload and the stack outputs depend on this interface only; {@code Infra} is the one place that
 * chooses an implementation. Later capabilities widen it with ready-to-use values (a Kubernetes
 * provider, the database endpoint and credentials secret, the edge URL, log and metric sinks), each
 * handed out only once the resources it depends on exist.
 *
 * <p>Implemented by {@code aws.AwsPlatform} and {@code gcp.GcpPlatform} only. Java cannot seal an
 * interface across packages outside a named module (and the Pulumi SDKs are not modules), so
 * {@code ArchitectureTest} enforces the closed set instead.
 */
public interface Platform {

    /** Which cloud implements this contract. */
    Cloud cloud();

    /** The region every regional resource of the stack is created in. */
    String region();

    /**
     * The Kubernetes provider of the stack's cluster, ready once the cluster can run workloads (node pools
     * exist). Everything the workload creates goes through it.
     */
    com.pulumi.kubernetes.Provider kubernetes();

    /**
     * What every workload object must wait for: the cluster can run workloads, and the add-ons, controllers,
     * webhooks and CRDs the workload's objects rely on exist (on AWS the load balancer controller with its
     * TargetGroupBinding CRD and webhooks, metrics-server for the autoscalers, the node autoscaler, the network
     * policy agent, the CSI driver and StorageClass, the metrics scraper). Every workload object lists these in
     * {@code dependsOn}, so the first {@code up} creates them after, and {@code destroy} deletes them before, the
     * controllers that serve and clean them up (finalizers).
     */
    java.util.List<com.pulumi.resources.Resource> readyForWorkloads();

    /** How the workload reaches the database; ready once the network admits the cluster. */
    DatabaseConnection database();

    /** How the workload binds to this cloud: identity, load balancer, database ranges, metrics. */
    WorkloadBindings workloadBindings();

    /**
     * Attaches the workload's Services to the program-owned edge and returns the public HTTPS URL. Called
     * once, after the workload exists: on GCP the load balancer's backends are the zonal NEGs the Services
     * create, so the edge must come after them; on AWS the target groups exist first and the workload binds
     * to them, so this only hands out the URL.
     *
     * @param services what each role's backend waits for, by role: the workload's Deployment (ready pods, after its
     *                 Service; on GCP the Service's NEGs exist by then)
     */
    Output<String> expose(Map<String, com.pulumi.resources.Resource> services);

    /**
     * The stack outputs this platform contributes, by output name. Secret values are already wrapped
     * with {@link Output#ofSecret}.
     */
    Map<String, Output<?>> outputs();
}

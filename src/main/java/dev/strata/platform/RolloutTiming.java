package dev.strata.platform;

/**
 * The rollout timing chain, derived from one setting ({@code strata:appDrainSeconds}) so that no request is dropped
 * when a pod stops or starts behind the load balancer. When a pod is deleted, three things run at once: the load
 * balancer deregisters the pod (it stops sending new requests within a few seconds, then waits up to the
 * deregistration delay for in-flight ones), Kubernetes removes it from Service endpoints, and the kubelet runs
 * the preStop hook. Only after preStop does the container get SIGTERM and drain. So:
 * <pre>
 *   deregistration delay  = drain                      (the load balancer's in-flight requests get the same bound)
 *   preStop               = deregistration + 5 s       (the pod serves until the load balancer has let go of it)
 *   drain (DRAIN_SECONDS) = drain                      (requests that arrived through the Service finish)
 *   grace period          = preStop + drain + 5 s      (SIGKILL only after all of that)
 *   minReadySeconds       = healthy threshold x interval + timeout of the target health check
 * </pre>
 * On start, a new pod counts as available only after the load balancer's health check could have marked it healthy
 * ({@code minReadySeconds}); on AWS the pod readiness gate makes that exact.
 *
 * @param drainSeconds seconds the service gets after SIGTERM to finish in-flight requests
 */
public record RolloutTiming(int drainSeconds) {
    /** How long a load balancer may still send new requests after deregistration starts. */
    public static final int PROPAGATION_SECONDS = 5;
    /** Safety margin between the end of the drain and SIGKILL. */
    public static final int KILL_MARGIN_SECONDS = 5;
    public static final int HEALTH_CHECK_INTERVAL_SECONDS = 10;
    public static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    public static final int HEALTHY_THRESHOLD = 2;
    public static final int UNHEALTHY_THRESHOLD = 2;

    public RolloutTiming {
        if (drainSeconds < 1) {
            throw new IllegalArgumentException("drainSeconds must be positive, got " + drainSeconds);
        }
    }

    /** The load balancer's deregistration delay / connection draining timeout. */
    public int deregistrationDelaySeconds() {
        return drainSeconds;
    }

    /** The preStop sleep: the pod keeps serving until the load balancer has stopped sending to it. */
    public int preStopSeconds() {
        return deregistrationDelaySeconds() + PROPAGATION_SECONDS;
    }

    public int terminationGraceSeconds() {
        return preStopSeconds() + drainSeconds + KILL_MARGIN_SECONDS;
    }

    /** The earliest a new target can be healthy in the load balancer after it starts answering. */
    public int minReadySeconds() {
        return HEALTHY_THRESHOLD * HEALTH_CHECK_INTERVAL_SECONDS + HEALTH_CHECK_TIMEOUT_SECONDS;
    }
}

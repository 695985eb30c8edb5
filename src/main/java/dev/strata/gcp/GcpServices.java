package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Google APIs the platform uses, enabled in the project. APIs stay enabled on destroy (other
 * workloads of the project may use them). Enabling them needs only the Service Usage API, which the
 * one-time bootstrap turns on (README, docs/architecture.md "Fresh project"); everything else, including
 * the project and zone lookups, waits for these.
 */
public final class GcpServices extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpServices";
    /**
     * Every API a resource or lookup of the program calls. {@code cloudresourcemanager}: the project lookup
     * and project IAM bindings; {@code storage}: buckets and the Cloud Storage service agent lookup;
     * {@code workflows}, {@code workflowexecutions}: the dated database export (Cloud Scheduler starts executions); {@code containerscanning}: vulnerability scanning of
     * Artifact Registry images; {@code dns}: the private googleapis.com zone.
     */
    static final List<String> APIS = List.of("artifactregistry", "cloudkms", "cloudresourcemanager",
            "cloudscheduler", "compute", "container", "containerscanning", "dns", "iam", "iamcredentials", "logging",
            "monitoring", "secretmanager", "servicenetworking", "sqladmin", "storage", "sts", "workflowexecutions", "workflows");

    private final Map<String, Service> enabled = new LinkedHashMap<>();

    GcpServices(String name, String project, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        for (String api : APIS) {
            enabled.put(api, new Service(name + "-" + api, ServiceArgs.builder()
                    .project(project).service(api + ".googleapis.com")
                    .disableOnDestroy(false).disableDependentServices(false)
                    .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        registerOutputs(Map.of());
    }

    /** Every other GCP resource depends on these. */
    List<Resource> enabled() {
        return new ArrayList<>(enabled.values());
    }

    /**
     * Resolves once the given APIs are enabled. A lookup chained on it runs only then: on a fresh project
     * the first preview sees an unknown value instead of a failed call.
     */
    Output<String> ready(String... apis) {
        return Output.all(java.util.Arrays.stream(apis).map(a -> {
            var s = enabled.get(a);
            if (s == null) {
                throw new IllegalArgumentException("API " + a + " is not in " + APIS);
            }
            return s.id();
        }).toList()).applyValue(ids -> String.join(",", ids));
    }
}

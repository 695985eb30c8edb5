package dev.strata.gcp;

import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Google APIs the platform uses, enabled in the project. APIs stay enabled on destroy (other
 * workloads of the project may use them).
 */
public final class GcpServices extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpServices";
    static final List<String> APIS = List.of("artifactregistry", "cloudkms", "cloudscheduler", "compute",
            "container", "iam", "iamcredentials", "logging", "monitoring", "secretmanager", "servicenetworking",
            "sqladmin", "sts");

    private final List<Resource> enabled = new ArrayList<>();

    GcpServices(String name, String project, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        for (String api : APIS) {
            enabled.add(new Service(name + "-" + api, ServiceArgs.builder()
                    .project(project).service(api + ".googleapis.com")
                    .disableOnDestroy(false).disableDependentServices(false)
                    .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        registerOutputs(Map.of());
    }

    /** Every other GCP resource depends on these. */
    List<Resource> enabled() {
        return enabled;
    }
}

package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.secretmanager.SecretIamMember;
import com.pulumi.gcp.secretmanager.SecretIamMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.serviceaccount.IAMMember;
import com.pulumi.gcp.serviceaccount.IAMMemberArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.Map;

/**
 * The workload's cloud identity (Workload Identity): a Google service account only the workload's
 * Kubernetes ServiceAccount may impersonate, allowed to read its own database credentials secret and
 * nothing else.
 */
public final class GcpWorkloadIdentity extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpWorkloadIdentity";

    record Args(GcpProject project, String namespace, String serviceAccount, Output<String> secretId) {
    }

    private final Account account;

    GcpWorkloadIdentity(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        this.account = new Account(name + "-sa", AccountArgs.builder()
                .accountId(GcpCluster.nodeAccountId(name).replace("-nodes", "-app"))
                .displayName("Workload " + args.namespace() + "/" + args.serviceAccount())
                .build(), child);
        new IAMMember(name + "-k8s-binding", IAMMemberArgs.builder()
                .serviceAccountId(account.name())
                .role("roles/iam.workloadIdentityUser")
                .member("serviceAccount:" + args.project().workloadPool() + "[" + args.namespace() + "/"
                        + args.serviceAccount() + "]")
                .build(), child);
        new SecretIamMember(name + "-read-credentials", SecretIamMemberArgs.builder()
                .secretId(args.secretId())
                .role("roles/secretmanager.secretAccessor")
                .member(account.email().applyValue(e -> "serviceAccount:" + e))
                .build(), child);
        registerOutputs(Map.of("email", account.email()));
    }

    public Output<String> email() {
        return account.email();
    }
}

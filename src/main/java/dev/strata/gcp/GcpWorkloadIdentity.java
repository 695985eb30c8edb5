package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.secretmanager.SecretIamMember;
import com.pulumi.gcp.secretmanager.SecretIamMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.serviceaccount.IAMMemberArgs.Builder;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.platform.ResourceOpts;

import java.util.Map;

/**
 * The workload's cloud identity (Workload Identity): a Google service account only the workload's
 * Kubernetes ServiceAccount may impersonate, allowed to read its own database credentials secret and to
 * connect to its own Cloud SQL instance through the Cloud SQL connector ({@code roles/cloudsql.client}
 * conditioned on that instance), nothing else.
 *
 * <p>The impersonation grant names {@code <project>.svc.id.goog[<namespace>/<ksa>]}; that identity pool is
 * created with the project's first Workload Identity cluster, and until then IAM refuses the grant with
 * "Identity Pool does not exist" (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity),
 * so the grant depends on the cluster.
 */
public final class GcpWorkloadIdentity extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpWorkloadIdentity";
    static final String CLOUDSQL_CLIENT = "roles/cloudsql.client";

    /**
     * @param cluster  the Workload Identity cluster whose creation creates the identity pool
     * @param instance the Cloud SQL instance name the workload connects to
     */
    record Args(GcpProject project, String namespace, String serviceAccount, Resource cluster,
                Output<String> secretId, Output<String> instance) {
    }

    private final Account account;

    GcpWorkloadIdentity(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();
        this.account = new Account(name + "-sa", AccountArgs.builder()
                .accountId(GcpCluster.nodeAccountId(name).replace("-nodes", "-app"))
                .displayName("Workload " + args.namespace() + "/" + args.serviceAccount())
                .build(), child);
        Builder binding = com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                .serviceAccountId(account.name())
                .role("roles/iam.workloadIdentityUser")
                .member("serviceAccount:" + p.workloadPool() + "[" + args.namespace() + "/"
                        + args.serviceAccount() + "]");
        new com.pulumi.gcp.serviceaccount.IAMMember(name + "-k8s-binding", binding.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(args.cluster()).build());
        var member = account.email().applyValue(e -> "serviceAccount:" + e);
        new SecretIamMember(name + "-read-credentials", SecretIamMemberArgs.builder()
                .secretId(args.secretId())
                .role("roles/secretmanager.secretAccessor")
                .member(member)
                .build(), child);
        new IAMMember(name + "-sql-connect", IAMMemberArgs.builder()
                .project(p.projectId()).role(CLOUDSQL_CLIENT).member(member)
                .condition(IAMMemberConditionArgs.builder().title("only the stack's instance")
                        .expression(args.instance().applyValue(i -> instanceCondition(p.projectId(), i))).build())
                .build(), child);
        registerOutputs(Map.of("email", account.email()));
    }

    /** Cloud SQL supports IAM conditions on the instance's resource name (https://cloud.google.com/sql/docs/postgres/iam-conditions). */
    static String instanceCondition(String project, String instance) {
        return "resource.name == 'projects/" + project + "/instances/" + instance + "'";
    }

    public Output<String> email() {
        return account.email();
    }
}

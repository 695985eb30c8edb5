package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.secretmanager.SecretIamMember;
import com.pulumi.gcp.secretmanager.SecretIamMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.platform.ResourceOpts;

import java.util.Map;

/**
 * The workload's cloud identities (Workload Identity), one Google service account per Kubernetes ServiceAccount,
 * each impersonable only by its ServiceAccount:
 * <ul>
 *   <li>the serving pods' ({@code app}): may read its own database credentials secret and connect to the stack's
 *       Cloud SQL instance through the Cloud SQL connector ({@code roles/cloudsql.client} conditioned on that
 *       instance);</li>
 *   <li>the migration Job's ({@code migrate}): may only connect to that instance the same way. The Job runs the image
 *       with {@code MIGRATE_ONLY=true}; its Cloud SQL Java connector fetches the ephemeral client certificate with
 *       this identity, so without it the Job is refused by the instance (client certificates required, connectors
 *       only) and nothing becomes ready.</li>
 * </ul>
 * Each e-mail is handed out only once its impersonation grant and its roles exist, so the ServiceAccount that
 * names it, and every pod or Job that runs as that ServiceAccount, waits for them.
 *
 * <p>The impersonation grant names {@code <project>.svc.id.goog[<namespace>/<ksa>]}; that identity pool is
 * created with the project's first Workload Identity cluster, and until then IAM refuses the grant with
 * "Identity Pool does not exist" (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity),
 * so the grant depends on the cluster.
 */
public final class GcpWorkloadIdentity extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpWorkloadIdentity";
    static final String CLOUDSQL_CLIENT = "roles/cloudsql.client";
    static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

    /**
     * @param serviceAccount          the serving pods' Kubernetes ServiceAccount
     * @param migrationServiceAccount the migration Job's Kubernetes ServiceAccount; empty: no migration Job
     *                                (appMigrationJob false), so no identity for it
     * @param cluster                 the Workload Identity cluster whose creation creates the identity pool
     * @param instance                the Cloud SQL instance name the workload connects to
     */
    record Args(GcpProject project, String namespace, String serviceAccount,
                java.util.Optional<String> migrationServiceAccount, Resource cluster, Output<String> secretId,
                Output<String> instance) {
        Args {
            if (migrationServiceAccount.filter(serviceAccount::equals).isPresent()) {
                throw new IllegalArgumentException("serviceAccount and migrationServiceAccount must differ (each gets"
                        + " its own Google identity): both are " + serviceAccount);
            }
        }
    }

    private final Output<String> email;
    private final java.util.Optional<Output<String>> migrationEmail;

    GcpWorkloadIdentity(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var app = impersonable(name, accountId(name, "app"), args.serviceAccount(), args);
        var readCredentials = new SecretIamMember(name + "-read-credentials", SecretIamMemberArgs.builder()
                .secretId(args.secretId())
                .role("roles/secretmanager.secretAccessor")
                .member(app.member())
                .build(), child);
        var appConnect = sqlClient(name + "-sql-connect", app, args);
        this.email = Output.tuple(app.account().email(), app.binding().id(), readCredentials.id(), appConnect.id())
                .applyValue(t -> t.t1);

        this.migrationEmail = args.migrationServiceAccount().map(ksa -> {
            var migrate = impersonable(name + "-migrate", accountId(name, "mig"), ksa, args);
            var migrateConnect = sqlClient(name + "-migrate-sql-connect", migrate, args);
            return Output.tuple(migrate.account().email(), migrate.binding().id(), migrateConnect.id())
                    .applyValue(t -> t.t1);
        });
        registerOutputs(Map.of("email", email));
    }

    private record Identity(Account account, com.pulumi.gcp.serviceaccount.IAMMember binding, Output<String> member) {
    }

    /** A service account that only {@code <namespace>/<ksa>} may impersonate (after the cluster: the pool). */
    private Identity impersonable(String name, String accountId, String ksa, Args args) {
        var account = new Account(name + "-sa", AccountArgs.builder()
                .accountId(accountId)
                .displayName("Workload " + args.namespace() + "/" + ksa)
                .build(), ResourceOpts.child(this));
        var binding = new com.pulumi.gcp.serviceaccount.IAMMember(name + "-k8s-binding",
                com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                        .serviceAccountId(account.name())
                        .role(WORKLOAD_IDENTITY_USER)
                        .member(workloadMember(args.project(), args.namespace(), ksa))
                        .build(),
                CustomResourceOptions.builder().parent(this).dependsOn(args.cluster()).build());
        return new Identity(account, binding, account.email().applyValue(e -> "serviceAccount:" + e));
    }

    private IAMMember sqlClient(String name, Identity who, Args args) {
        var p = args.project();
        return new IAMMember(name, IAMMemberArgs.builder()
                .project(p.projectId()).role(CLOUDSQL_CLIENT).member(who.member())
                .condition(IAMMemberConditionArgs.builder().title("only the stack's instance")
                        .expression(args.instance().applyValue(i -> instanceCondition(p.projectId(), i))).build())
                .build(), ResourceOpts.child(this));
    }

    /** The Workload Identity principal of a Kubernetes ServiceAccount. */
    static String workloadMember(GcpProject project, String namespace, String ksa) {
        return "serviceAccount:" + project.workloadPool() + "[" + namespace + "/" + ksa + "]";
    }

    /**
     * A service account id (6-30 characters): the component name cut like the node pool's account, then the suffix.
     * The app's id is unchanged from earlier versions ({@code -app}), so its account is not replaced.
     */
    static String accountId(String componentName, String suffix) {
        return GcpCluster.nodeAccountId(componentName).replaceAll("-nodes$", "-" + suffix);
    }

    /**
     * Cloud SQL accepts IAM conditions on the instance's resource name, {@code projects/<project>/instances/<name>}
     * (https://cloud.google.com/sql/docs/postgres/iam-conditions; Google's sample
     * terraform-docs-samples cloud_sql/instance_iam_condition uses exactly this form with roles/cloudsql.client).
     */
    static String instanceCondition(String project, String instance) {
        return "resource.name == 'projects/" + project + "/instances/" + instance + "'";
    }

    /** The serving pods' identity, once it may be impersonated and holds its roles. */
    public Output<String> email() {
        return email;
    }

    /** The migration Job's identity, once it may be impersonated and may connect to the instance (if there is one). */
    public java.util.Optional<Output<String>> migrationEmail() {
        return migrationEmail;
    }
}

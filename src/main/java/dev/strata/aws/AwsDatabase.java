package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.DatabaseConfig;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.DatabaseCredentials;
import dev.strata.random.RandomId;
import dev.strata.random.RandomPassword;
import dev.strata.random.RandomPasswordArgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RDS PostgreSQL in the isolated database subnets: never publicly accessible; a security group that
 * admits 5432 from the cluster's node security group only; storage, Performance Insights and the
 * credentials secret encrypted with the data key; TLS enforced by the parameter group
 * ({@code rds.force_ssl}) plus connection, lock-wait and slow-statement logging exported to CloudWatch;
 * automated backups with point-in-time recovery for the configured window. In prod: Multi-AZ, deletion
 * protection, a final snapshot with a name unique to this instance, and the instance protected and retained
 * on delete. The master password comes from {@link RandomPassword}, is stored in Secrets Manager, and is
 * handed over only as a secret.
 */
public final class AwsDatabase extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsDatabase";
    static final String DATABASE = "counter";
    static final String USERNAME = "counter";
    /** The least-privilege role the migration step creates; the serving pods log in as it. */
    static final String APP_USERNAME = "counter_app";

    /** @param prod environment class: final snapshot, protection */
    record Args(AwsAccount account, DatabaseConfig database, boolean prod, Output<String> vpcId, Output<List<String>> subnetIds,
                Output<String> nodeSecurityGroupId, Output<String> dataKeyArn) {
    }

    private final Instance instance;
    private final DatabaseConnection connection;

    AwsDatabase(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var db = args.database();

        var subnets = new SubnetGroup(name + "-subnets", SubnetGroupArgs.builder()
                .description("Isolated database subnets of " + name)
                .subnetIds(args.subnetIds())
                .build(), child);
        var securityGroup = new SecurityGroup(name + "-sg", SecurityGroupArgs.builder()
                .description("PostgreSQL of " + name + ": only from the nodes of the cluster")
                .vpcId(args.vpcId())
                .revokeRulesOnDelete(true)
                .build(), child);
        var fromNodes = new SecurityGroupIngressRule(name + "-from-nodes", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .referencedSecurityGroupId(args.nodeSecurityGroupId())
                .ipProtocol("tcp").fromPort(5432).toPort(5432)
                .description("PostgreSQL from the nodes of the cluster")
                .build(), child);

        var parameters = new ParameterGroup(name + "-params", ParameterGroupArgs.builder()
                .description("TLS required, connection and lock logging")
                .family("postgres" + db.engineVersion())
                .parameters(parameters().entrySet().stream().map(e -> ParameterGroupParameterArgs.builder()
                        .name(e.getKey()).value(e.getValue()).applyMethod("pending-reboot").build()).toList())
                .build(), child);

        var password = new RandomPassword(name + "-password", RandomPasswordArgs.databasePassword(), child);
        var finalSnapshot = new RandomId(name + "-final-snapshot", new RandomId.Args(4, Map.of()), child);

        var monitoring = new Role(name + "-monitoring", RoleArgs.builder()
                .description("RDS enhanced monitoring of " + name)
                .assumeRolePolicy(Policies.assumeRoleByService("monitoring.rds.amazonaws.com",
                        args.account().accountId()))
                .build(), child);
        // the instance waits for the role's policy: RDS checks the monitoring role when it turns enhanced monitoring on
        var monitoringPolicy = new RolePolicyAttachment(name + "-monitoring", RolePolicyAttachmentArgs.builder().role(monitoring.name())
                .policyArn(Policies.managed("service-role/AmazonRDSEnhancedMonitoringRole")).build(), child);

        this.instance = new Instance(name + "-postgres", InstanceArgs.builder()
                .engine("postgres")
                .engineVersion(db.engineVersion())
                .instanceClass(db.instanceClass())
                .allocatedStorage(db.storageGb())
                .maxAllocatedStorage(db.storageGb() * 4)
                .storageType("gp3")
                .storageEncrypted(true)
                .kmsKeyId(args.dataKeyArn())
                .dbName(DATABASE)
                .username(USERNAME)
                .password(password.result())
                .port(5432)
                .dbSubnetGroupName(subnets.name())
                .vpcSecurityGroupIds(Output.all(securityGroup.id()))
                .publiclyAccessible(false)
                .parameterGroupName(parameters.name())
                .multiAz(db.highAvailability())
                .deletionProtection(db.deletionProtection())
                .backupRetentionPeriod(db.backupRetentionDays())
                .backupWindow("02:00-03:00")
                .maintenanceWindow("sun:03:30-sun:04:30")
                .copyTagsToSnapshot(true)
                .deleteAutomatedBackups(!args.prod())
                .skipFinalSnapshot(!args.prod())
                .finalSnapshotIdentifier(finalSnapshot.hex().applyValue(h -> name + "-final-" + h))
                .autoMinorVersionUpgrade(true)
                .caCertIdentifier("rds-ca-rsa2048-g1")
                .iamDatabaseAuthenticationEnabled(true)
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(args.dataKeyArn())
                .performanceInsightsRetentionPeriod(7)
                .monitoringInterval(60)
                .monitoringRoleArn(monitoring.arn())
                .enabledCloudwatchLogsExports("postgresql", "upgrade")
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(monitoringPolicy).protect(args.prod())
                .retainOnDelete(args.prod()).build());

        var secret = credentialsSecret(name + "-credentials", "PostgreSQL credentials of " + name, USERNAME,
                password.result(), args);
        // the application role's password: generated and kept like the master's; the migration step creates the role
        var appPassword = new RandomPassword(name + "-app-password", RandomPasswordArgs.databasePassword(), child);
        var appSecret = credentialsSecret(name + "-app-credentials", "PostgreSQL application role of " + name,
                APP_USERNAME, appPassword.result(), args);

        // ready when handed out: the host resolves only once the rule admitting the nodes exists
        Output<String> host = Output.tuple(instance.address(), fromNodes.id()).applyValue(t -> t.t1);
        this.connection = new DatabaseConnection(host, instance.port(), DATABASE,
                new DatabaseCredentials(USERNAME, password.result(), secret.arn()),
                new DatabaseCredentials(APP_USERNAME, appPassword.result(), appSecret.arn()));
        registerOutputs(Map.of("endpoint", host, "secretArn", secret.arn(), "appSecretArn", appSecret.arn()));
    }

    /** A Secrets Manager secret (data key, protected in prod) holding one login of the instance. */
    private Secret credentialsSecret(String name, String description, String username, Output<String> password,
                                     Args args) {
        var secret = new Secret(name, SecretArgs.builder()
                .description(description)
                .kmsKeyId(args.dataKeyArn())
                .recoveryWindowInDays(args.prod() ? 30 : 7)
                .build(), dev.strata.platform.ResourceOpts.stateful(this, args.prod()));
        new SecretVersion(name, SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(Output.tuple(instance.address(), instance.port(), password)
                        .applyValue(t -> Policies.json(credentials(t.t1, t.t2, username, t.t3))).asSecret())
                .build(), ResourceOpts.child(this));
        return secret;
    }

    static Map<String, String> parameters() {
        var p = new LinkedHashMap<String, String>();
        p.put("rds.force_ssl", "1");
        p.put("log_connections", "1");
        p.put("log_disconnections", "1");
        p.put("log_lock_waits", "1");
        p.put("log_min_duration_statement", "1000");
        return p;
    }

    static Map<String, Object> credentials(String host, int port, String username, String password) {
        return Map.of("engine", "postgres", "host", host, "port", port, "dbname", DATABASE, "username", username,
                "password", password);
    }

    public DatabaseConnection connection() {
        return connection;
    }

    /** The master's credentials secret (the migration step's). */
    public Output<String> secretArn() {
        return connection.admin().secretReference();
    }

    /** The application role's credentials secret: the only one the workload's identity may read. */
    public Output<String> appSecretArn() {
        return connection.app().secretReference();
    }

    public Output<String> identifier() {
        return instance.identifier();
    }

    public Output<String> arn() {
        return instance.arn();
    }
}

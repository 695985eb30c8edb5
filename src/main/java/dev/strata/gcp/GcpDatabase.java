package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.secretmanager.Secret;
import com.pulumi.gcp.secretmanager.SecretArgs;
import com.pulumi.gcp.secretmanager.SecretVersion;
import com.pulumi.gcp.secretmanager.SecretVersionArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationUserManagedArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationUserManagedReplicaArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationUserManagedReplicaCustomerManagedEncryptionArgs;
import com.pulumi.gcp.sql.Database;
import com.pulumi.gcp.sql.DatabaseArgs;
import com.pulumi.gcp.sql.DatabaseInstance;
import com.pulumi.gcp.sql.DatabaseInstanceArgs;
import com.pulumi.gcp.sql.User;
import com.pulumi.gcp.sql.UserArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsDatabaseFlagArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsInsightsConfigArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsIpConfigurationArgs;
import com.pulumi.gcp.sql.inputs.DatabaseInstanceSettingsMaintenanceWindowArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.DatabaseConfig;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.DatabaseCredentials;
import dev.strata.platform.ResourceOpts;
import dev.strata.random.RandomPassword;
import dev.strata.random.RandomPasswordArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cloud SQL for PostgreSQL (edition pinned, CMEK with the region's data key) with a private IP only (no
 * public address) on the stack's network, reachable only through the Cloud SQL connector (mutual TLS with
 * ephemeral client certificates), automated daily backups with point-in-time recovery for the configured retention, flags for
 * connection, disconnection, lock-wait and slow-statement logging, query insights. In prod: regional
 * (a standby in a second zone with automatic failover) and deletion protection, at the API and in
 * Pulumi (protected, retained on delete). The application user's password comes from
 * {@link RandomPassword}, goes to Secret Manager (one replica in the region, CMEK) and is handed over only as a secret.
 */
public final class GcpDatabase extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpDatabase";
    static final String DATABASE = "counter";
    static final String USERNAME = "counter";
    /** The least-privilege role the migration step creates; the serving pods log in as it. */
    static final String APP_USERNAME = "counter_app";
    /** Only the Cloud SQL connectors / Auth Proxy may connect (they carry the client certificate). */
    static final String CONNECTOR_ENFORCEMENT = "REQUIRED";

    record Args(GcpProject project, DatabaseConfig database, boolean prod, Output<String> networkId,
                Output<String> privateServicesRange, Output<String> dataKey) {
    }

    private final DatabaseInstance instance;
    private final DatabaseConnection connection;

    GcpDatabase(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var db = args.database();
        var flags = flags().entrySet().stream().map(e -> DatabaseInstanceSettingsDatabaseFlagArgs.builder()
                .name(e.getKey()).value(e.getValue()).build()).toList();
        this.instance = new DatabaseInstance(name + "-postgres", DatabaseInstanceArgs.builder()
                .databaseVersion("POSTGRES_" + db.engineVersion())
                .region(args.project().region())
                .deletionProtection(db.deletionProtection())
                // CMEK with the data key of the instance's region (Cloud SQL accepts only a key in its region;
                // set at creation, a change replaces the instance)
                .encryptionKeyName(args.dataKey())
                .settings(DatabaseInstanceSettingsArgs.builder()
                        .tier(db.instanceClass())
                        // pinned: db-custom-* tiers run only on ENTERPRISE (validated against the tier at load)
                        .edition(db.edition())
                        .availabilityType(db.highAvailability() ? "REGIONAL" : "ZONAL")
                        .diskType("PD_SSD").diskSize(db.storageGb()).diskAutoresize(true)
                        .diskAutoresizeLimit(db.storageGb() * 4)
                        .deletionProtectionEnabled(db.deletionProtection())
                        .ipConfiguration(DatabaseInstanceSettingsIpConfigurationArgs.builder()
                                .ipv4Enabled(false)
                                .privateNetwork(args.networkId())
                                .allocatedIpRange(args.privateServicesRange())
                                // In com.pulumi:gcp 7.0.0 requireSsl=true means client certificates are
                                // required (TRUSTED_CLIENT_CERTIFICATE_REQUIRED); the sslMode field that offers
                                // ENCRYPTED_ONLY came in later SDKs. The workload connects through the Cloud SQL
                                // Java connector (IAM-authorised, ephemeral client certificates), which
                                // satisfies it; connectorEnforcement refuses every other client.
                                .requireSsl(true)
                                .build())
                        .connectorEnforcement(CONNECTOR_ENFORCEMENT)
                        .backupConfiguration(DatabaseInstanceSettingsBackupConfigurationArgs.builder()
                                .enabled(true)
                                .pointInTimeRecoveryEnabled(true)
                                .startTime("02:00")
                                .transactionLogRetentionDays(Math.min(7, db.backupRetentionDays()))
                                .backupRetentionSettings(
                                        DatabaseInstanceSettingsBackupConfigurationBackupRetentionSettingsArgs.builder()
                                                .retainedBackups(db.backupRetentionDays()).retentionUnit("COUNT")
                                                .build())
                                .build())
                        .databaseFlags(flags)
                        .insightsConfig(DatabaseInstanceSettingsInsightsConfigArgs.builder()
                                .queryInsightsEnabled(true).recordClientAddress(false).build())
                        .maintenanceWindow(DatabaseInstanceSettingsMaintenanceWindowArgs.builder()
                                .day(7).hour(3).updateTrack("stable").build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.prod())
                .retainOnDelete(args.prod()).build());

        var counterDatabase = new Database(name + "-counter", DatabaseArgs.builder().instance(instance.name()).name(DATABASE)
                .deletionPolicy("ABANDON").build(), dev.strata.platform.ResourceOpts.stateful(this, args.prod()));
        var password = new RandomPassword(name + "-password", RandomPasswordArgs.databasePassword(), child);
        var user = new User(name + "-user", UserArgs.builder().instance(instance.name()).name(USERNAME)
                .password(password.result()).deletionPolicy("ABANDON").build(), child);

        var secret = credentialsSecret(name + "-credentials", USERNAME, password.result(), args);
        // the application role's password: generated and kept like the master's; the migration step creates the role
        var appPassword = new RandomPassword(name + "-app-password", RandomPasswordArgs.databasePassword(), child);
        var appSecret = credentialsSecret(name + "-app-credentials", APP_USERNAME, appPassword.result(), args);

        // ready when handed out: the address resolves once the master user and the database exist (the migration Job
        // connects to both as soon as it may)
        Output<String> host = Output.tuple(instance.privateIpAddress(), user.id(), counterDatabase.id())
                .applyValue(t -> t.t1);
        // requireSsl (com.pulumi:gcp 7.0.0: client certificates required) + connectorEnforcement: only the Cloud SQL
        // Java connector in the app gets in, so DATABASE_URL goes through it (it waits for the master user too)
        Output<String> url = Output.tuple(instance.connectionName(), host).applyValue(t ->
                connectorJdbcUrl(t.t1, DATABASE));
        this.connection = new DatabaseConnection(host, Output.of(5432), DATABASE,
                new DatabaseCredentials(USERNAME, password.result(), secret.id()),
                new DatabaseCredentials(APP_USERNAME, appPassword.result(), appSecret.id()), url);
        registerOutputs(Map.of("privateIp", host, "secret", secret.id(), "appSecret", appSecret.id()));
    }

    /** A Secret Manager secret (CMEK, protected in prod) holding one login of the instance. */
    private Secret credentialsSecret(String name, String username, Output<String> password, Args args) {
        var secret = new Secret(name, SecretArgs.builder()
                .secretId(name)
                // Automatic replication accepts only a key in "global"; one replica in the stack's region
                // takes the region's data key (https://cloud.google.com/secret-manager/docs/cmek)
                .replication(SecretReplicationArgs.builder().userManaged(SecretReplicationUserManagedArgs.builder()
                        .replicas(SecretReplicationUserManagedReplicaArgs.builder()
                                .location(args.project().region())
                                .customerManagedEncryption(
                                        SecretReplicationUserManagedReplicaCustomerManagedEncryptionArgs.builder()
                                                .kmsKeyName(args.dataKey()).build())
                                .build()).build()).build())
                .build(), ResourceOpts.stateful(this, args.prod()));
        new SecretVersion(name, SecretVersionArgs.builder()
                .secret(secret.id())
                .secretData(Output.tuple(instance.privateIpAddress(), password).applyValue(t ->
                        dev.strata.platform.Json.write(Map.of("engine", "postgres", "host", t.t1, "port", 5432,
                                "dbname", DATABASE, "username", username, "password", t.t2))).asSecret())
                .build(), ResourceOpts.child(this));
        return secret;
    }

    static Map<String, String> flags() {
        var f = new LinkedHashMap<String, String>();
        f.put("log_connections", "on");
        f.put("log_disconnections", "on");
        f.put("log_lock_waits", "on");
        f.put("log_min_duration_statement", "1000");
        f.put("cloudsql.iam_authentication", "on");
        return f;
    }

    public DatabaseConnection connection() {
        return connection;
    }

    public Output<String> instanceName() {
        return instance.name();
    }

    /** The instance's own service account, which writes exports to buckets. */
    public Output<String> serviceAccountEmail() {
        return instance.serviceAccountEmailAddress();
    }

    /** {@code project:region:instance}, what the Cloud SQL connector connects to. */
    public Output<String> connectionName() {
        return instance.connectionName();
    }

    /**
     * The JDBC URL through the Cloud SQL Java connector ({@code com.google.cloud.sql:postgres-socket-factory} on
     * the app's classpath): it fetches an ephemeral client certificate with the pod's Workload Identity and
     * connects to the instance's private IP on 3307 with mutual TLS, which this instance requires. It is the
     * {@code DATABASE_URL} the platform contract hands the workload.
     */
    public Output<String> connectorJdbcUrl() {
        return connection.jdbcUrl();
    }

    static String connectorJdbcUrl(String connectionName, String database) {
        return "jdbc:postgresql:///" + database + "?cloudSqlInstance=" + connectionName
                + "&socketFactory=com.google.cloud.sql.postgres.SocketFactory&ipTypes=PRIVATE";
    }

    /** The application role's credentials secret: the only one the workload's identity may read. */
    public Output<String> secretId() {
        return connection.app().secretReference();
    }
}

package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.kms.KeyRingArgs;
import com.pulumi.gcp.projects.ServiceIdentity;
import com.pulumi.gcp.projects.ServiceIdentityArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cloud KMS, one key ring per location in use: Cloud KMS keys are regional and every CMEK user (Cloud SQL,
 * Cloud Storage, Secret Manager replicas, Artifact Registry, log buckets, GKE) accepts only a key in its
 * own location (https://cloud.google.com/kms/docs/cmek#cmek_integrations). In the stack's region: a
 * {@code cluster} key (GKE application-layer secrets and node boot disks) and a {@code data} key; in every
 * other location that holds data (the prod export bucket's copy region) a {@code data} key of its own.
 * Keys rotate every 90 days, are protected and retained in prod (Cloud KMS never deletes a key ring).
 *
 * <p>Each key may be used only by the service agents that need it. An agent must exist before it can be
 * granted: GKE's and Compute Engine's exist once their APIs are on; Secret Manager's, Cloud SQL's and
 * Artifact Registry's are created here ({@code projects.ServiceIdentity}); Cloud Storage's and Cloud
 * Logging's are looked up by {@link GcpPlatform} (the lookup creates the storage agent). Keys are handed out
 * ready: their value resolves only after the key's grants exist, so every user waits for them.
 */
public final class GcpKeys extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpKeys";
    static final String ENCRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
    static final String ROTATION = "7776000s";

    /** A Google-managed service agent that encrypts with a key of this component. */
    enum Agent {
        GKE, COMPUTE, SECRET_MANAGER, CLOUD_SQL, ARTIFACT_REGISTRY, STORAGE, LOGGING;

        String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param dataUsers    the agents that use the data key, by location; the stack's region must be present
     * @param storageAgent the Cloud Storage service agent's e-mail (looked up)
     * @param loggingAgent the Cloud Logging CMEK service account's e-mail (looked up)
     */
    record Args(GcpProject project, boolean prod, Map<String, Set<Agent>> dataUsers, Output<String> storageAgent,
                Output<String> loggingAgent) {
        Args {
            if (!dataUsers.containsKey(project.region())) {
                throw new IllegalArgumentException("dataUsers has no entry for the stack's region "
                        + project.region() + ": " + dataUsers.keySet());
            }
            dataUsers = Map.copyOf(dataUsers);
        }
    }

    private final Output<String> clusterKey;
    private final Map<String, Output<String>> dataKeys = new LinkedHashMap<>();
    private final Map<Agent, Output<String>> members = new LinkedHashMap<>();

    GcpKeys(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var p = args.project();
        members.put(Agent.GKE, p.serviceAgent("container-engine-robot"));
        members.put(Agent.COMPUTE, p.serviceAgent("compute-system"));
        members.put(Agent.SECRET_MANAGER, identity(name, Agent.SECRET_MANAGER, "secretmanager.googleapis.com"));
        members.put(Agent.CLOUD_SQL, identity(name, Agent.CLOUD_SQL, "sqladmin.googleapis.com"));
        members.put(Agent.ARTIFACT_REGISTRY, identity(name, Agent.ARTIFACT_REGISTRY,
                "artifactregistry.googleapis.com"));
        members.put(Agent.STORAGE, args.storageAgent().applyValue(e -> "serviceAccount:" + e));
        members.put(Agent.LOGGING, args.loggingAgent().applyValue(e -> "serviceAccount:" + e));

        var home = ring(name, p.region(), p.region(), args.prod());
        this.clusterKey = usable(name + "-cluster", key(name + "-cluster", home, args.prod()),
                Set.of(Agent.GKE, Agent.COMPUTE));
        for (var location : args.dataUsers().keySet().stream().sorted().toList()) {
            boolean isHome = location.equals(p.region());
            var ring = isHome ? home : ring(name, location, p.region(), args.prod());
            String keyName = name + "-data" + (isHome ? "" : "-" + location);
            dataKeys.put(location, usable(keyName, key(keyName, ring, args.prod()), args.dataUsers().get(location)));
        }
        registerOutputs(Map.of("clusterKey", clusterKey, "dataKey", dataKey(p.region())));
    }

    private KeyRing ring(String name, String location, String home, boolean prod) {
        return new KeyRing(name + "-ring" + (location.equals(home) ? "" : "-" + location), KeyRingArgs.builder()
                .location(location).build(), ResourceOpts.stateful(this, prod));
    }

    private CryptoKey key(String name, KeyRing ring, boolean prod) {
        return new CryptoKey(name, CryptoKeyArgs.builder()
                .keyRing(ring.id()).purpose("ENCRYPT_DECRYPT").rotationPeriod(ROTATION)
                .destroyScheduledDuration("2592000s")
                .build(), ResourceOpts.stateful(this, prod));
    }

    /** Service agents that appear only on request: created explicitly so they exist before the grant. */
    private Output<String> identity(String name, Agent agent, String service) {
        return new ServiceIdentity(name + "-agent-" + agent.slug(), ServiceIdentityArgs.builder().service(service)
                .build(), ResourceOpts.child(this)).email().applyValue(e -> "serviceAccount:" + e);
    }

    /** The key's id, resolving only once every agent that uses it may use it. */
    private Output<String> usable(String keyName, CryptoKey key, Set<Agent> agents) {
        List<Output<String>> grants = new ArrayList<>();
        for (Agent agent : agents.stream().sorted().toList()) {
            grants.add(new CryptoKeyIAMMember(keyName + "-" + agent.slug(), CryptoKeyIAMMemberArgs.builder()
                    .cryptoKeyId(key.id()).role(ENCRYPTER).member(members.get(agent)).build(),
                    CustomResourceOptions.builder().parent(this).build()).id());
        }
        return Output.tuple(key.id(), Output.all(grants)).applyValue(t -> t.t1);
    }

    /** Key resource name ({@code projects/.../cryptoKeys/...}) for GKE secrets and node boot disks. */
    public Output<String> clusterKey() {
        return clusterKey;
    }

    /** The data key of a location; fails for a location no data key was asked for. */
    public Output<String> dataKey(String location) {
        var key = dataKeys.get(location);
        if (key == null) {
            throw new IllegalArgumentException("no data key in " + location + "; keys exist in " + dataKeys.keySet());
        }
        return key;
    }
}

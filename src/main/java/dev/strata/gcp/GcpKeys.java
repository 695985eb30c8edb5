package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.kms.KeyRingArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.List;
import java.util.Map;

/**
 * Cloud KMS: a key ring in the stack's region with one key per purpose, rotated every 90 days:
 * {@code cluster} (GKE secrets encryption; the GKE service agent may use it) and {@code data} (Secret
 * Manager, buckets, Artifact Registry; their service agents may use it). Keys are protected and retained
 * in prod; Cloud KMS never deletes a key ring anyway.
 */
public final class GcpKeys extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpKeys";
    static final String ENCRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
    static final String ROTATION = "7776000s";

    record Args(GcpProject project, boolean prod) {
    }

    private final CryptoKey cluster;
    private final CryptoKey data;
    private final Output<String> clusterKey;
    private final Output<String> dataKey;

    GcpKeys(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var ring = new KeyRing(name + "-ring", KeyRingArgs.builder().location(args.project().region()).build(),
                ResourceOpts.stateful(this, args.prod()));
        this.cluster = key(name + "-cluster", ring, args.prod());
        this.data = key(name + "-data", ring, args.prod());
        // ready when handed out: a key is usable by its services only once their grants exist
        var gke = grant(name + "-cluster-gke", cluster, args.project().serviceAgent("container-engine-robot"));
        this.clusterKey = Output.tuple(cluster.id(), gke.etag()).applyValue(t -> t.t1);
        var dataGrants = List.of("gcp-sa-secretmanager", "gs-project-accounts", "gcp-sa-artifactregistry").stream()
                .map(agent -> grant(name + "-data-" + agent, data, args.project().serviceAgent(agent)).etag()).toList();
        this.dataKey = Output.tuple(data.id(), Output.all(dataGrants)).applyValue(t -> t.t1);
        registerOutputs(Map.of("clusterKey", clusterKey, "dataKey", dataKey));
    }

    private CryptoKey key(String name, KeyRing ring, boolean prod) {
        return new CryptoKey(name, CryptoKeyArgs.builder()
                .keyRing(ring.id()).purpose("ENCRYPT_DECRYPT").rotationPeriod(ROTATION)
                .destroyScheduledDuration("2592000s")
                .build(), ResourceOpts.stateful(this, prod));
    }

    private CryptoKeyIAMMember grant(String name, CryptoKey key, String member) {
        return new CryptoKeyIAMMember(name, CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(key.id()).role(ENCRYPTER).member(member).build(),
                CustomResourceOptions.builder().parent(this).build());
    }

    /** Key resource name ({@code projects/.../cryptoKeys/...}) for GKE secrets encryption. */
    public Output<String> clusterKey() {
        return clusterKey;
    }

    public Output<String> dataKey() {
        return dataKey;
    }
}

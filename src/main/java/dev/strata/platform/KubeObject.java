package dev.strata.platform;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Any Kubernetes object, built from a manifest map, registered under the same type token the typed SDK
 * uses ({@code kubernetes:apps/v1:Deployment}, {@code kubernetes:core/v1:Secret},
 * {@code kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding}), so the provider diffs, awaits readiness
 * and deletes it exactly as it would a typed resource. The pinned Java SDK (4.0.0) has no generic
 * custom-resource class; manifests built as plain maps are also what the workload's {@code Manifests} can unit-test and
 * validate against the Kubernetes schema. Secrets use {@link KubeSecret}, whose payload is a secret output.
 */
@ResourceType(type = "kubernetes:any")
public class KubeObject extends CustomResource {

    /** The top-level fields of a manifest; {@code metadata.name} and {@code metadata.namespace} are required. */
    public static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata", required = true)
        private final Output<Map<String, Object>> metadata;
        @Import(name = "spec")
        private final Output<Object> spec;
        @Import(name = "data")
        private final Output<Object> data;
        @Import(name = "stringData")
        private final Output<Object> stringData;
        @Import(name = "type")
        private final Output<String> type;
        @Import(name = "provisioner")
        private final Output<Object> provisioner;
        @Import(name = "parameters")
        private final Output<Object> parameters;
        @Import(name = "volumeBindingMode")
        private final Output<Object> volumeBindingMode;
        @Import(name = "allowVolumeExpansion")
        private final Output<Object> allowVolumeExpansion;
        @Import(name = "reclaimPolicy")
        private final Output<Object> reclaimPolicy;
        @Import(name = "rules")
        private final Output<Object> rules;
        @Import(name = "subjects")
        private final Output<Object> subjects;
        @Import(name = "roleRef")
        private final Output<Object> roleRef;

        private final String apiVersionValue;
        private final String kindValue;

        /**
         * @param manifest the object; its {@code spec}, {@code data}, {@code stringData} and {@code type}
         *                 may be {@link Output}s, everything else plain values
         */
        public Args(String apiVersion, String kind, Map<String, Object> metadata, Map<String, Object> manifest) {
            this(apiVersion, kind, Output.of(metadata), manifest);
            Objects.requireNonNull(metadata.get("name"), "metadata.name");
        }

        /** As above, with metadata that depends on other resources (annotations holding ARNs). */
        public Args(String apiVersion, String kind, Output<Map<String, Object>> metadata, Map<String, Object> manifest) {
            var unknown = new java.util.TreeSet<>(manifest.keySet());
            unknown.removeAll(List.of("spec", "data", "stringData", "type", "provisioner", "parameters",
                    "volumeBindingMode", "allowVolumeExpansion", "reclaimPolicy", "rules", "subjects", "roleRef"));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(kind + " manifest has unsupported top-level fields " + unknown);
            }
            this.apiVersionValue = apiVersion;
            this.kindValue = kind;
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = metadata;
            this.spec = field(manifest.get("spec"));
            this.data = field(manifest.get("data"));
            this.stringData = field(manifest.get("stringData"));
            this.type = manifest.get("type") == null ? null : Output.of((String) manifest.get("type"));
            // StorageClass keeps its settings at the top level
            this.provisioner = field(manifest.get("provisioner"));
            this.parameters = field(manifest.get("parameters"));
            this.volumeBindingMode = field(manifest.get("volumeBindingMode"));
            this.allowVolumeExpansion = field(manifest.get("allowVolumeExpansion"));
            this.reclaimPolicy = field(manifest.get("reclaimPolicy"));
            // RBAC objects keep theirs at the top level too
            this.rules = field(manifest.get("rules"));
            this.subjects = field(manifest.get("subjects"));
            this.roleRef = field(manifest.get("roleRef"));
        }

        @SuppressWarnings("unchecked")
        private static Output<Object> field(Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof Output<?> o ? (Output<Object>) o : Output.of(value);
        }

        /** {@code kubernetes:<group>/<version>:<Kind>}, with {@code core} for the legacy group. */
        public String typeToken() {
            String groupVersion = apiVersionValue.contains("/") ? apiVersionValue : "core/" + apiVersionValue;
            return "kubernetes:" + groupVersion + ":" + kindValue;
        }
    }

    @Export(name = "metadata", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> metadata;

    public KubeObject(String name, Args args, CustomResourceOptions options) {
        super(args.typeToken(), name, args, options);
    }

    public Output<Map<String, Object>> metadata() {
        return metadata;
    }
}

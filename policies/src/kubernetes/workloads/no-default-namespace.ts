import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/** Cluster-scoped kinds of Kubernetes 1.30 (kubectl api-resources --namespaced=false), plus any Cluster* kind. */
const CLUSTER_SCOPED = ["Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass", "RuntimeClass", "IngressClass",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding", "APIService", "CertificateSigningRequest", "FlowSchema",
    "PriorityLevelConfiguration", "ComponentStatus", "SelfSubjectReview", "TokenReview", "SubjectAccessReview"];

export const policy = resourcePolicy({
    name: "kubernetes-object-no-default-namespace",
    description: "Namespaced objects must live in the workload's own namespace, never in default; set metadata.namespace.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:*"],
    check: (p, _ctx, r) => {
        if (r.type.startsWith("kubernetes:helm.sh") || r.type.startsWith("kubernetes:yaml") || CLUSTER_SCOPED.includes(p.kind)
            || String(p.kind ?? "").startsWith("Cluster") || p.kind === undefined) {
            return [];
        }
        const ns = at(p, "metadata.namespace");
        return ns && ns !== "default" ? [] : [`${p.kind ?? r.type} ${at(p, "metadata.name") ?? r.name} is in the default namespace.`];
    },
});

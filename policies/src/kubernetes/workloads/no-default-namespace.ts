import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

const CLUSTER_SCOPED = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
    "PriorityClass", "PersistentVolume"];

export const policy = resourcePolicy({
    name: "kubernetes-object-no-default-namespace",
    description: "Namespaced objects must live in the workload's own namespace, never in default; set metadata.namespace.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:*"],
    check: (p, _ctx, r) => {
        if (r.type.startsWith("kubernetes:helm.sh") || CLUSTER_SCOPED.includes(p.kind)) {
            return [];
        }
        const ns = at(p, "metadata.namespace");
        return ns && ns !== "default" ? [] : [`${p.kind ?? r.type} ${at(p, "metadata.name") ?? r.name} is in the default namespace.`];
    },
});

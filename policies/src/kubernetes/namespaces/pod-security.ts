import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-namespace-pod-security-restricted",
    description: "Workload namespaces should enforce the restricted Pod Security Standard; label them pod-security.kubernetes.io/enforce=restricted.",
    enforcementLevel: "advisory",
    types: ["kubernetes:core/v1:Namespace"],
    check: (p) => (at(p, "metadata.labels")?.["pod-security.kubernetes.io/enforce"] === "restricted" ? []
        : ["the restricted Pod Security Standard is not enforced."]),
});

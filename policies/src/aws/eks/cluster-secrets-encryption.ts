import { resourcePolicy } from "../../lib/policy";
import { asList, at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-eks-cluster-secrets-encryption",
    description: "Kubernetes secrets must be envelope-encrypted with a KMS key; set encryptionConfig with resources [\"secrets\"] and provider.keyArn.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/cluster:Cluster"],
    check: (p) => {
        const resources = asList(at(p, "encryptionConfig.resources"));
        return resources.includes("secrets") && isSet(p, "encryptionConfig.provider.keyArn")
            ? [] : ["secrets are not encrypted with a KMS key."];
    },
});

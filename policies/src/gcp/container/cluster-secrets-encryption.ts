import { resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-secrets-encryption",
    description: "Kubernetes secrets must be encrypted at the application layer with Cloud KMS; set databaseEncryption.state ENCRYPTED and keyName.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => (at(p, "databaseEncryption.state") === "ENCRYPTED" && isSet(p, "databaseEncryption.keyName") ? []
        : ["secrets are not encrypted with a Cloud KMS key."]),
});

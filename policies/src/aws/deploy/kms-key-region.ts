import { stackPolicy } from "../../lib/policy";
import { isUnknown, rawAt, refs } from "../../lib/props";

/** Inputs that name a KMS key on the resources of the stack. */
const KEY_INPUTS = ["kmsKeyId", "kmsKeyArn", "kmsMasterKeyId", "encryptionConfig", "rules", "serverSideEncryptionConfiguration", "encryptionConfiguration"];

/**
 * A KMS key is regional: AWS services accept only a key of their own region (KMS concepts, "Regions";
 * cross-region use needs a multi-Region replica key in that region). The key's region is its provider's
 * region, the resource's region its own provider's.
 */
export const policy = stackPolicy({
    name: "aws-kms-key-same-region",
    description: "Resources must use a KMS key of their own region; create the key (or a multi-Region replica) with a provider of the resource's region.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type.startsWith("aws:")).flatMap((r) => KEY_INPUTS.flatMap((input) =>
        refs(r, input).filter((k) => k.type === "aws:kms/key:Key").map((key) => () => {
            const mine = rawAt(r.provider?.props, "region");
            const theirs = rawAt(key.provider?.props, "region");
            if (typeof mine !== "string" || typeof theirs !== "string" || isUnknown(mine) || isUnknown(theirs) || mine === theirs) {
                return undefined;
            }
            return { urn: r.urn, message: `${r.name} in ${mine} uses key ${key.name} of ${theirs}.` };
        }))),
});

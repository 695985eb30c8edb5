import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/**
 * TLS only: sslMode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (requireSsl true means the latter),
 * or connectorEnforcement REQUIRED (only the Cloud SQL connectors may connect, and they always use TLS).
 * An explicit sslMode ALLOW_UNENCRYPTED_AND_ENCRYPTED always fails.
 */
export const policy = resourcePolicy({
    name: "gcp-sql-instance-require-ssl",
    description: "Cloud SQL must accept TLS connections only; set settings.ipConfiguration.sslMode ENCRYPTED_ONLY, or requireSsl true (client certificates) or settings.connectorEnforcement REQUIRED with the Cloud SQL connector.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        const ip = at(p, "settings.ipConfiguration") ?? {};
        if (ip.sslMode === "ALLOW_UNENCRYPTED_AND_ENCRYPTED") {
            return "sslMode ALLOW_UNENCRYPTED_AND_ENCRYPTED accepts unencrypted connections.";
        }
        return ip.requireSsl === true || ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(ip.sslMode)
            || at(p, "settings.connectorEnforcement") === "REQUIRED" ? undefined : "unencrypted connections are accepted.";
    },
});

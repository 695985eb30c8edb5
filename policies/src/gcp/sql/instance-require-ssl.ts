import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-sql-instance-require-ssl",
    description: "Cloud SQL must accept TLS connections only; set settings.ipConfiguration.sslMode ENCRYPTED_ONLY (or requireSsl true).",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        const ip = at(p, "settings.ipConfiguration") ?? {};
        return ip.requireSsl === true || ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(ip.sslMode)
            ? [] : ["unencrypted connections are accepted."];
    },
});

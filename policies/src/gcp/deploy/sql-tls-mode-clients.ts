import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/**
 * Cloud SQL's TLS mode decides who can connect (cloud.google.com/sql/docs/postgres/configure-ssl-instance):
 * sslMode TRUSTED_CLIENT_CERTIFICATE_REQUIRED, which is what requireSsl true means (the API pairs
 * require_ssl true only with that mode and refuses other pairs), accepts only clients presenting a client
 * certificate: the Cloud SQL connectors / Auth Proxy, or clients given a certificate the stack never
 * creates. A password-only JDBC client is refused at runtime, so the instance must also set
 * connectorEnforcement REQUIRED (every client then goes through a connector, which the workload uses), or
 * use sslMode ENCRYPTED_ONLY (TLS without client certificates).
 */
export const policy = resourcePolicy({
    name: "gcp-sql-instance-tls-mode-matches-clients",
    description: "Cloud SQL's TLS mode must fit how clients connect: with requireSsl true or sslMode TRUSTED_CLIENT_CERTIFICATE_REQUIRED set settings.connectorEnforcement REQUIRED and connect through the Cloud SQL connector, or use sslMode ENCRYPTED_ONLY; keep requireSsl and sslMode consistent.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        const ip = () => at(p, "settings.ipConfiguration") ?? {};
        const certs = () => ip().requireSsl === true || ip().sslMode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED";
        return [
            () => (certs() && at(p, "settings.connectorEnforcement") !== "REQUIRED"
                ? "client certificates are required but connectorEnforcement is not REQUIRED: password-only clients cannot connect." : undefined),
            () => (ip().sslMode !== undefined && ip().requireSsl !== undefined
                && (ip().requireSsl === true) !== (ip().sslMode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED")
                ? `requireSsl ${ip().requireSsl} contradicts sslMode ${ip().sslMode}; the API refuses the pair.` : undefined),
        ];
    },
});

import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-sql-instance-ha-deletion-protection",
    description: "Prod Cloud SQL must be regional (standby in another zone) and protected from deletion; set settings.availabilityType REGIONAL, deletionProtection and settings.deletionProtectionEnabled true.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p, ctx) => {
        if (!ctx.prod) {
            return [];
        }
        const out: Finding[] = [];
        out.push(() => ((at(p, "settings.availabilityType") !== "REGIONAL") ? "the instance is not regional in a prod stack." : undefined));
        out.push(() => ((p.deletionProtection === false || at(p, "settings.deletionProtectionEnabled") !== true) ? "deletion protection is off in a prod stack." : undefined));
        return out;
    },
});

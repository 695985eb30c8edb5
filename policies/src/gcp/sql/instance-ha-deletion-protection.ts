import { resourcePolicy } from "../../lib/policy";
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
        const out: string[] = [];
        if (at(p, "settings.availabilityType") !== "REGIONAL") {
            out.push("the instance is not regional in a prod stack.");
        }
        if (p.deletionProtection === false || at(p, "settings.deletionProtectionEnabled") !== true) {
            out.push("deletion protection is off in a prod stack.");
        }
        return out;
    },
});

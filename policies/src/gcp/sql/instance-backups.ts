import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-sql-instance-backups",
    description: "Cloud SQL must take daily backups with point-in-time recovery and keep at least minBackups (prod); set settings.backupConfiguration.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    config: { minBackups: { type: "integer", default: 7 } },
    check: (p, ctx) => {
        const b = at(p, "settings.backupConfiguration") ?? {};
        const out: string[] = [];
        if (b.enabled !== true) {
            out.push("automated backups are off.");
        }
        if (b.pointInTimeRecoveryEnabled !== true) {
            out.push("point-in-time recovery is off.");
        }
        const kept = at(b, "backupRetentionSettings.retainedBackups") ?? 7;
        if (ctx.prod && kept < ctx.config.minBackups) {
            out.push(`only ${kept} backups are kept; at least ${ctx.config.minBackups} required.`);
        }
        return out;
    },
});

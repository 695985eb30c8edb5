import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-sql-instance-backups",
    description: "Cloud SQL must take daily backups with point-in-time recovery and keep at least minBackups (prod); set settings.backupConfiguration.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    config: { minBackups: { type: "integer", default: 7 } },
    check: (p, ctx) => {
        const b = at(p, "settings.backupConfiguration") ?? {};
        const out: Finding[] = [];
        out.push(() => ((b.enabled !== true) ? "automated backups are off." : undefined));
        out.push(() => ((b.pointInTimeRecoveryEnabled !== true) ? "point-in-time recovery is off." : undefined));
        const kept = at(b, "backupRetentionSettings.retainedBackups") ?? 7;
        out.push(() => ((ctx.prod && kept < ctx.config.minBackups) ? `only ${kept} backups are kept; at least ${ctx.config.minBackups} required.` : undefined));
        return out;
    },
});

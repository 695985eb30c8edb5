import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-rds-instance-backup-retention",
    description: "Automated backups with point-in-time recovery (RDS instances and Aurora clusters) must be kept long enough; set backupRetentionPeriod to at least minDays (prod) or 1.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    config: { minDays: { type: "integer", default: 7 } },
    check: (p, ctx) => {
        const min = ctx.prod ? ctx.config.minDays : 1;
        const days = p.backupRetentionPeriod ?? 0;
        return days >= min ? [] : [`backupRetentionPeriod is ${days}; at least ${min} required.`];
    },
});

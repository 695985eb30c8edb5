import { stackPolicy } from "../../lib/policy";
import { asList, rawAt, refs } from "../../lib/props";

/** With AWS Backup in the stack, a selection of one of its plans (joined through planId) covers every database (CKV2_AWS_8 analog). */
export const policy = stackPolicy({
    name: "aws-backup-selection-covers-database",
    description: "When the stack has an AWS Backup plan, a backup selection of that plan must list every RDS instance and Aurora cluster (resources), or select them all (\"*\"); add the database ARN to the selection.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const plans = resources.filter((r) => r.type === "aws:backup/plan:Plan");
        if (plans.length === 0) {
            return [];
        }
        const selections = resources.filter((r) => r.type === "aws:backup/selection:Selection"
            && refs(r, "planId").some((p) => plans.some((x) => x.urn === p.urn)));
        return resources.filter((r) => r.type === "aws:rds/instance:Instance" || r.type === "aws:rds/cluster:Cluster").map((db) => () =>
            (selections.some((s) => refs(s, "resources").some((x) => x.urn === db.urn) || asList(rawAt(s.props, "resources")).includes("*"))
                ? undefined : { urn: db.urn, message: `database ${db.name} is in no backup selection of the stack's backup plan.` }));
    },
});

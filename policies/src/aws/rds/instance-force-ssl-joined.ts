import { stackPolicy } from "../../lib/policy";
import { asList, isUnknown, rawAt, refs } from "../../lib/props";

/**
 * The database's own parameter group (joined through parameterGroupName) must set rds.force_ssl 1. With the
 * default group, RDS for PostgreSQL 15 and later already forces TLS (rds.force_ssl defaults to 1 from 15:
 * docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html); earlier versions do not.
 */
export const policy = stackPolicy({
    name: "aws-rds-instance-force-ssl-joined",
    description: "PostgreSQL instances must force TLS: use a parameter group with rds.force_ssl 1 (parameterGroupName), or the default group on PostgreSQL 15 or later.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "aws:rds/instance:Instance" && rawAt(r.props, "engine") === "postgres").map((db) => () => {
        const groups = refs(db, "parameterGroupName").filter((g) => g.type === "aws:rds/parameterGroup:ParameterGroup");
        const named = rawAt(db.props, "parameterGroupName");
        if (groups.length === 0) {
            const major = Number(/^(\d+)/.exec(String(rawAt(db.props, "engineVersion") ?? ""))?.[1] ?? 0);
            if (typeof named === "string" && !isUnknown(named) && !named.startsWith("default.")) {
                return undefined; // a group from outside the stack: not visible here
            }
            return major >= 15 ? undefined : { urn: db.urn, message: `database ${db.name} uses the default parameter group of PostgreSQL ${major || "(unknown version)"}, which does not force TLS.` };
        }
        return groups.filter((g) => String(asList(rawAt(g.props, "parameters")).find((x: any) => x?.name === "rds.force_ssl")?.value) !== "1")
            .map((g) => ({ urn: db.urn, message: `database ${db.name} uses parameter group ${g.name} without rds.force_ssl 1.` }));
    }),
});

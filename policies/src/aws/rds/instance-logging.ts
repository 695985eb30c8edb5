import { resourcePolicy } from "../../lib/policy";
import { asList } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-rds-instance-log-exports",
    description: "PostgreSQL logs must be exported to CloudWatch; set enabledCloudwatchLogsExports to include postgresql and upgrade.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance"],
    check: (p) => {
        const missing = ["postgresql", "upgrade"].filter((l) => !asList(p.enabledCloudwatchLogsExports).includes(l));
        return missing.length ? [`log exports missing: ${missing.join(", ")}.`] : [];
    },
});

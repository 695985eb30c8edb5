import { resourcePolicy } from "../../lib/policy";
import { asList } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-rds-parametergroup-force-ssl",
    description: "PostgreSQL parameter groups must require TLS; add the parameter rds.force_ssl = 1.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/parameterGroup:ParameterGroup"],
    check: (p) => {
        if (!String(p.family ?? "").startsWith("postgres")) {
            return [];
        }
        const ssl = asList(p.parameters).find((x) => x.name === "rds.force_ssl");
        return ssl && String(ssl.value) === "1" ? [] : ["rds.force_ssl is not 1."];
    },
});

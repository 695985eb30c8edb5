import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-logging-monitoring",
    description: "GKE must send system and workload logs and metrics to Cloud Logging and Monitoring; keep loggingService/monitoringService on and include SYSTEM_COMPONENTS and WORKLOADS.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((p.loggingService === "none") ? "loggingService is none." : undefined));
        out.push(() => ((p.monitoringService === "none") ? "monitoringService is none." : undefined));
        const components = at(p, "loggingConfig.enableComponents");
        if (components !== undefined) {
            const missing = ["SYSTEM_COMPONENTS", "WORKLOADS"].filter((c) => !asList(components).includes(c));
            out.push(() => ((missing.length) ? `log components missing: ${missing.join(", ")}.` : undefined));
        }
        return out;
    },
});

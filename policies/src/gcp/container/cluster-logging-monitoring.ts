import { resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-logging-monitoring",
    description: "GKE must send system and workload logs and metrics to Cloud Logging and Monitoring; keep loggingService/monitoringService on and include SYSTEM_COMPONENTS and WORKLOADS.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => {
        const out: string[] = [];
        if (p.loggingService === "none") {
            out.push("loggingService is none.");
        }
        if (p.monitoringService === "none") {
            out.push("monitoringService is none.");
        }
        const components = at(p, "loggingConfig.enableComponents");
        if (components !== undefined) {
            const missing = ["SYSTEM_COMPONENTS", "WORKLOADS"].filter((c) => !asList(components).includes(c));
            if (missing.length) {
                out.push(`log components missing: ${missing.join(", ")}.`);
            }
        }
        return out;
    },
});

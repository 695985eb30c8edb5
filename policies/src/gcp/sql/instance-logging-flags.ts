import { resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

const REQUIRED: Record<string, string> = { log_connections: "on", log_disconnections: "on", log_lock_waits: "on" };

export const policy = resourcePolicy({
    name: "gcp-sql-instance-logging-flags",
    description: "Cloud SQL for PostgreSQL must log connections, disconnections and lock waits; set the database flags log_connections, log_disconnections and log_lock_waits to on.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        if (!String(p.databaseVersion ?? "").startsWith("POSTGRES")) {
            return [];
        }
        const flags = asList(at(p, "settings.databaseFlags"));
        return Object.entries(REQUIRED).filter(([name, value]) => !flags.some((f: any) => f.name === name && f.value === value))
            .map(([name, value]) => `database flag ${name} is not ${value}.`);
    },
});

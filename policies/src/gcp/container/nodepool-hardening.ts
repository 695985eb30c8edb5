import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-nodepool-hardening",
    description: "Node pools must use shielded nodes with secure boot and integrity monitoring, and auto-repair and auto-upgrade; set nodeConfig.shieldedInstanceConfig and management.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/nodePool:NodePool"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((at(p, "nodeConfig.shieldedInstanceConfig.enableSecureBoot") !== true) ? "secure boot is off." : undefined));
        out.push(() => ((at(p, "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring") === false) ? "integrity monitoring is off." : undefined));
        out.push(() => ((at(p, "management.autoRepair") === false) ? "auto-repair is off." : undefined));
        out.push(() => ((at(p, "management.autoUpgrade") === false) ? "auto-upgrade is off." : undefined));
        return out;
    },
});

import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-nodepool-hardening",
    description: "Node pools must use shielded nodes with secure boot and integrity monitoring, and auto-repair and auto-upgrade; set nodeConfig.shieldedInstanceConfig and management.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/nodePool:NodePool"],
    check: (p) => {
        const out: string[] = [];
        if (at(p, "nodeConfig.shieldedInstanceConfig.enableSecureBoot") !== true) {
            out.push("secure boot is off.");
        }
        if (at(p, "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring") === false) {
            out.push("integrity monitoring is off.");
        }
        if (at(p, "management.autoRepair") === false) {
            out.push("auto-repair is off.");
        }
        if (at(p, "management.autoUpgrade") === false) {
            out.push("auto-upgrade is off.");
        }
        return out;
    },
});

import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-deployment-zero-downtime-rollout",
    description: "Rollouts must never remove serving capacity and must fail instead of hanging; use strategy RollingUpdate with maxUnavailable 0 and set progressDeadlineSeconds.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:apps/v1:Deployment"],
    check: (p) => {
        const out: string[] = [];
        if ((at(p, "spec.strategy.type") ?? "RollingUpdate") !== "RollingUpdate") {
            out.push(`strategy is ${at(p, "spec.strategy.type")}.`);
        }
        const unavailable = at(p, "spec.strategy.rollingUpdate.maxUnavailable");
        if (unavailable === undefined || (unavailable !== 0 && unavailable !== "0%")) {
            out.push(`maxUnavailable is ${unavailable ?? "25% (default)"}.`);
        }
        if (!at(p, "spec.progressDeadlineSeconds")) {
            out.push("progressDeadlineSeconds is not set.");
        }
        return out;
    },
});

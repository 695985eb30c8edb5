import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-deployment-zero-downtime-rollout",
    description: "Rollouts must never remove serving capacity and must fail instead of hanging; use strategy RollingUpdate with maxUnavailable 0 and set progressDeadlineSeconds.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:apps/v1:Deployment"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => (((at(p, "spec.strategy.type") ?? "RollingUpdate") !== "RollingUpdate") ? `strategy is ${at(p, "spec.strategy.type")}.` : undefined));
        const unavailable = at(p, "spec.strategy.rollingUpdate.maxUnavailable");
        out.push(() => ((unavailable === undefined || (unavailable !== 0 && unavailable !== "0%")) ? `maxUnavailable is ${unavailable ?? "25% (default)"}.` : undefined));
        out.push(() => ((!at(p, "spec.progressDeadlineSeconds")) ? "progressDeadlineSeconds is not set." : undefined));
        return out;
    },
});

import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-eks-nodegroup-no-remote-access",
    description: "Node groups must not open SSH to their nodes; remove remoteAccess and use SSM Session Manager for debugging.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/nodeGroup:NodeGroup"],
    check: (p) => (p.remoteAccess ? ["remoteAccess (SSH) is configured."] : []),
});

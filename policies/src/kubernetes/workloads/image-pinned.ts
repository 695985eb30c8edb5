import { resourcePolicy } from "../../lib/policy";
import { perContainer, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-image-pinned",
    description: "Images must be pinned so every rollout is reproducible; set the image to a version tag other than latest, or better a @sha256 digest.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => perContainer(p, (c) => {
        const image = String(c.image ?? "");
        if (image.includes("@sha256:")) {
            return undefined;
        }
        const last = image.substring(image.lastIndexOf("/") + 1);
        return !last.includes(":") || last.endsWith(":latest") ? `container ${c.name} uses the unpinned image ${c.image}.` : undefined;
    }),
});

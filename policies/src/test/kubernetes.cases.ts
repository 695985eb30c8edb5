import { Case, resource } from "./support";

const DEPLOY = "kubernetes:apps/v1:Deployment";

export function deployment(name = "api", replicas = 3) {
    return resource(DEPLOY, {
        apiVersion: "apps/v1", kind: "Deployment",
        metadata: { name, namespace: "strata", labels: { "app.kubernetes.io/part-of": "strata" } },
        spec: {
            replicas, progressDeadlineSeconds: 300,
            strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "50%" } },
            selector: { matchLabels: { app: name } },
            template: {
                metadata: { labels: { app: name } },
                spec: {
                    automountServiceAccountToken: false,
                    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                    volumes: [{ name: "tmp", emptyDir: {} }],
                    containers: [{
                        name, image: "strata/counter@sha256:" + "a".repeat(64),
                        ports: [{ name: "http", containerPort: 8080 }],
                        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "512Mi" } },
                        readinessProbe: { httpGet: { path: "/health/ready", port: "http" }, periodSeconds: 5 },
                        livenessProbe: { httpGet: { path: "/health/live", port: "http" }, periodSeconds: 10 },
                        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false,
                            capabilities: { drop: ["ALL"] } },
                    }],
                },
            },
        },
    }, { name });
}

const c0 = (rs: any[]) => rs[0].props.spec.template.spec.containers[0];
const pod = (rs: any[]) => rs[0].props.spec.template.spec;

export const kubernetesCases: Case[] = [
    { policy: "kubernetes-workload-no-privileged-or-host-access", baseline: () => [deployment()],
        flips: { "privileged": (rs) => { c0(rs).securityContext.privileged = true; },
            "hostNetwork": (rs) => { pod(rs).hostNetwork = true; }, "hostPID": (rs) => { pod(rs).hostPID = true; },
            "a hostPath volume": (rs) => { pod(rs).volumes.push({ name: "h", hostPath: { path: "/" } }); },
            "a host port": (rs) => { c0(rs).ports[0].hostPort = 80; } } },
    { policy: "kubernetes-workload-run-as-non-root", baseline: () => [deployment()],
        flips: { "runAsNonRoot is removed": (rs) => { delete pod(rs).securityContext.runAsNonRoot; },
            "the container runs as UID 0": (rs) => { c0(rs).securityContext.runAsUser = 0; } } },
    { policy: "kubernetes-workload-no-privilege-escalation", baseline: () => [deployment()],
        flips: { "escalation allowed": (rs) => { c0(rs).securityContext.allowPrivilegeEscalation = true; },
            "left to the default": (rs) => { delete c0(rs).securityContext.allowPrivilegeEscalation; } } },
    { policy: "kubernetes-workload-drop-all-capabilities", baseline: () => [deployment()],
        flips: { "nothing dropped": (rs) => { delete c0(rs).securityContext.capabilities; },
            "NET_ADMIN added": (rs) => { c0(rs).securityContext.capabilities.add = ["NET_ADMIN"]; } } },
    { policy: "kubernetes-workload-seccomp", baseline: () => [deployment()],
        flips: { "no seccomp profile": (rs) => { delete pod(rs).securityContext.seccompProfile; },
            "Unconfined": (rs) => { c0(rs).securityContext.seccompProfile = { type: "Unconfined" }; } } },
    { policy: "kubernetes-workload-read-only-root-filesystem", baseline: () => [deployment()],
        flips: { "a writable root filesystem": (rs) => { c0(rs).securityContext.readOnlyRootFilesystem = false; } } },
    { policy: "kubernetes-workload-resources", baseline: () => [deployment()],
        flips: { "no memory limit": (rs) => { delete c0(rs).resources.limits.memory; },
            "no requests": (rs) => { delete c0(rs).resources.requests; } } },
    { policy: "kubernetes-deployment-probes", baseline: () => [deployment()],
        flips: { "no readiness probe": (rs) => { delete c0(rs).readinessProbe; },
            "no liveness probe": (rs) => { delete c0(rs).livenessProbe; },
            "identical probes": (rs) => { c0(rs).livenessProbe = c0(rs).readinessProbe; } } },
    { policy: "kubernetes-workload-image-pinned", baseline: () => [deployment()],
        flips: { ":latest": (rs) => { c0(rs).image = "strata/counter:latest"; },
            "no tag": (rs) => { c0(rs).image = "registry:5000/strata/counter"; } } },
    { policy: "kubernetes-object-no-default-namespace", baseline: () => [deployment()],
        flips: { "the default namespace": (rs) => { rs[0].props.metadata.namespace = "default"; },
            "no namespace": (rs) => { delete rs[0].props.metadata.namespace; } } },
    { policy: "kubernetes-deployment-replicas", baseline: () => [deployment("api", 3)], stack: "prod",
        flips: { "2 replicas in prod": (rs) => { rs[0].props.spec.replicas = 2; }, "replicas left at 1": (rs) => { delete rs[0].props.spec.replicas; } } },
    { policy: "kubernetes-deployment-zero-downtime-rollout", baseline: () => [deployment()],
        flips: { "maxUnavailable 1": (rs) => { rs[0].props.spec.strategy.rollingUpdate.maxUnavailable = 1; },
            "Recreate": (rs) => { rs[0].props.spec.strategy = { type: "Recreate" }; },
            "no progress deadline": (rs) => { delete rs[0].props.spec.progressDeadlineSeconds; } } },
    { policy: "kubernetes-service-cluster-ip-only",
        baseline: () => [resource("kubernetes:core/v1:Service", { kind: "Service", metadata: { name: "api", namespace: "strata" },
            spec: { type: "ClusterIP", ports: [{ port: 8080 }] } })],
        flips: { "NodePort": (rs) => { rs[0].props.spec.type = "NodePort"; }, "LoadBalancer": (rs) => { rs[0].props.spec.type = "LoadBalancer"; },
            "externalIPs": (rs) => { rs[0].props.spec.externalIPs = ["1.2.3.4"]; } } },
    { policy: "kubernetes-namespace-pod-security-restricted",
        baseline: () => [resource("kubernetes:core/v1:Namespace", { kind: "Namespace", metadata: { name: "strata",
            labels: { "pod-security.kubernetes.io/enforce": "restricted" } } })],
        flips: { "baseline only": (rs) => { rs[0].props.metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline"; } } },
];

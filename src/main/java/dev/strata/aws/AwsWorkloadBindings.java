package dev.strata.aws;

import com.pulumi.core.Output;
import dev.strata.platform.KubeManifest;
import dev.strata.platform.ServiceRef;
import dev.strata.platform.WorkloadBindings;

import java.util.List;
import java.util.Map;

/**
 * How the workload plugs into the AWS platform: IRSA annotation on its ServiceAccount; the ALB lives in
 * the VPC, so load balancer traffic and health checks come from the VPC range; the database lives in the
 * database subnets; each Service is attached to its role's target group with a TargetGroupBinding
 * (pod IPs registered by the load balancer controller); pods carry the Prometheus annotations the
 * CloudWatch agent's Prometheus discovery reads.
 */
record AwsWorkloadBindings(Output<String> roleArn, Output<String> vpcCidr, List<String> databaseRanges,
                           Map<String, Output<String>> targetGroupArns) implements WorkloadBindings {

    @Override
    public Map<String, Output<String>> serviceAccountAnnotations() {
        return Map.of("eks.amazonaws.com/role-arn", roleArn);
    }

    @Override
    public Output<List<String>> loadBalancerSourceCidrs() {
        return vpcCidr.applyValue(List::of);
    }

    @Override
    public Output<List<String>> databaseCidrs() {
        return Output.of(databaseRanges);
    }

    @Override
    public Map<String, String> serviceAnnotations(ServiceRef service) {
        return Map.of();
    }

    @Override
    public List<KubeManifest> serviceAttachments(ServiceRef service) {
        var arn = targetGroupArns.get(service.role());
        if (arn == null) {
            return List.of();
        }
        return List.of(new KubeManifest("elbv2.k8s.aws/v1beta1", "TargetGroupBinding", service.name(), Map.of(
                "spec", Map.of(
                        "serviceRef", Map.of("name", service.name(), "port", service.port()),
                        "targetGroupARN", arn,
                        "targetType", "ip"))));
    }

    @Override
    public Map<String, String> podMetricsAnnotations(String portName, String path) {
        return Map.of("prometheus.io/scrape", "true", "prometheus.io/path", path, "prometheus.io/port", portName);
    }

    @Override
    public List<KubeManifest> metricsScrape(ServiceRef service, String portName, String path) {
        return List.of();
    }
}

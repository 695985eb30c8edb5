package dev.strata.aws;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.aws.eks.outputs.GetAddonVersionResult;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.Optional;

/** How every EKS managed add-on of the platform is created (shared by the node pools and the cluster add-ons). */
final class EksAddons {
    private EksAddons() {
    }

    /**
     * The add-on at the default version for the cluster's minor, resolved explicitly: after a control-plane upgrade
     * the add-ons move to the new minor's defaults in the same up (upgrade order: control plane, node pools,
     * add-ons). Conflicts with fields a self-managed copy set are overwritten.
     */
    static Addon addon(Resource parent, Output<String> clusterName, String kubernetesVersion, String name,
                       String addon, Optional<Role> role, Optional<Map<String, Object>> configuration,
                       CustomResourceOptions opts) {
        var version = EksFunctions.getAddonVersion(GetAddonVersionArgs.builder().addonName(addon)
                        .kubernetesVersion(kubernetesVersion).mostRecent(false).build(),
                InvokeOptions.builder().parent(parent).build()).applyValue(GetAddonVersionResult::version);
        var b = AddonArgs.builder().clusterName(clusterName).addonName(addon).addonVersion(version)
                .resolveConflictsOnCreate("OVERWRITE").resolveConflictsOnUpdate("OVERWRITE");
        role.ifPresent(r -> b.serviceAccountRoleArn(r.arn()));
        configuration.ifPresent(c -> b.configurationValues(Policies.json(c)));
        return new Addon(name + "-" + addon, b.build(), opts);
    }
}

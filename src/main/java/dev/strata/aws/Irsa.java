package dev.strata.aws;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.List;

/**
 * IAM roles for Kubernetes service accounts of one cluster: each role trusts exactly one
 * {@code namespace/serviceAccount} through the cluster's OIDC provider, with the audience sts.amazonaws.com.
 *
 * @param providerArn the cluster's IAM OIDC provider
 * @param issuerHost  the issuer URL without {@code https://}
 */
record Irsa(Output<String> providerArn, Output<String> issuerHost) {

    /** A role with the given managed policies attached; {@code attachments} collects the attachments. */
    Role role(Resource parent, String name, String namespace, String serviceAccount, List<String> managed,
              List<Resource> attachments) {
        var role = new Role(name, RoleArgs.builder()
                .description("IRSA for " + namespace + "/" + serviceAccount)
                .assumeRolePolicy(Output.tuple(providerArn, issuerHost).applyValue(t ->
                        Policies.assumeRoleByServiceAccount(t.t1, t.t2, namespace, serviceAccount)))
                .build(), ResourceOpts.child(parent));
        for (String arn : managed) {
            attachments.add(new RolePolicyAttachment(name + "-" + arn.substring(arn.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(arn).build(),
                    ResourceOpts.child(parent)));
        }
        return role;
    }

    Role role(Resource parent, String name, String namespace, String serviceAccount, List<String> managed) {
        return role(parent, name, namespace, serviceAccount, managed, new ArrayList<>());
    }
}

// The policy list of the pack, kept apart from index.ts: constructing a PolicyPack starts the analyzer's
// gRPC server, so tests load this module instead. One policy per file under aws/, gcp/, kubernetes/, stack/.
import { policy as aws_backup_plan_retention } from "./aws/backup/plan-retention";
import { policy as aws_backup_selection_covers_database } from "./aws/backup/selection-covers-database";
import { policy as aws_backup_vault_encrypted } from "./aws/backup/vault-encrypted";
import { policy as aws_cloudfront_distribution_access_logging } from "./aws/cloudfront/distribution-access-logging";
import { policy as aws_cloudfront_distribution_hsts } from "./aws/cloudfront/distribution-hsts";
import { policy as aws_cloudfront_distribution_https_only } from "./aws/cloudfront/distribution-https-only";
import { policy as aws_cloudfront_distribution_origin_tls } from "./aws/cloudfront/distribution-origin-tls";
import { policy as aws_cloudfront_distribution_viewer_tls } from "./aws/cloudfront/distribution-viewer-tls";
import { policy as aws_cloudfront_distribution_waf } from "./aws/cloudfront/distribution-waf";
import { policy as aws_cloudfront_distribution_waf_content } from "./aws/cloudfront/distribution-waf-content";
import { policy as aws_cloudfront_vpcorigin_tls } from "./aws/cloudfront/vpcorigin-tls";
import { policy as aws_cloudwatch_loggroup_retention } from "./aws/cloudwatch/loggroup-retention";
import { policy as aws_deploy_acm_certificate_usable } from "./aws/deploy/acm-certificate-usable";
import { policy as aws_deploy_cloudfront_cachepolicy_ttls } from "./aws/deploy/cloudfront-cachepolicy-ttls";
import { policy as aws_deploy_securitygroup_description_charset } from "./aws/deploy/securitygroup-description-charset";
import { policy as aws_deploy_kms_key_region } from "./aws/deploy/kms-key-region";
import { policy as aws_deploy_trust_conditions_sent } from "./aws/deploy/trust-conditions-sent";
import { policy as aws_ec2_default_securitygroup_no_rules } from "./aws/ec2/default-securitygroup-no-rules";
import { policy as aws_ec2_launchtemplate_imdsv2 } from "./aws/ec2/launchtemplate-imdsv2";
import { policy as aws_ec2_securitygroup_description } from "./aws/ec2/securitygroup-description";
import { policy as aws_ec2_securitygroup_no_open_ingress } from "./aws/ec2/securitygroup-no-open-ingress";
import { policy as aws_ec2_subnet_no_public_ip } from "./aws/ec2/subnet-no-public-ip";
import { policy as aws_ec2_vpc_flow_logs } from "./aws/ec2/vpc-flow-logs";
import { policy as aws_ecr_repository_immutable_scanned } from "./aws/ecr/repository-immutable-scanned";
import { policy as aws_eks_cluster_access_entries } from "./aws/eks/cluster-access-entries";
import { policy as aws_eks_cluster_control_plane_logging } from "./aws/eks/cluster-control-plane-logging";
import { policy as aws_eks_cluster_endpoint_restricted } from "./aws/eks/cluster-endpoint-restricted";
import { policy as aws_eks_cluster_secrets_encryption } from "./aws/eks/cluster-secrets-encryption";
import { policy as aws_eks_nodegroup_private_no_ssh } from "./aws/eks/nodegroup-private-no-ssh";
import { policy as aws_eks_nodegroup_private_subnets } from "./aws/eks/nodegroup-private-subnets";
import { policy as aws_iam_no_admin_attachment } from "./aws/iam/no-admin-attachment";
import { policy as aws_iam_policy_no_wildcard_actions } from "./aws/iam/policy-no-wildcard-actions";
import { policy as aws_iam_role_github_oidc_pinned } from "./aws/iam/role-github-oidc-pinned";
import { policy as aws_iam_role_irsa_pinned } from "./aws/iam/role-irsa-pinned";
import { policy as aws_iam_role_no_wildcard_principal } from "./aws/iam/role-no-wildcard-principal";
import { policy as aws_kms_key_rotation } from "./aws/kms/key-rotation";
import { policy as aws_lb_loadbalancer_drop_invalid_headers } from "./aws/lb/loadbalancer-drop-invalid-headers";
import { policy as aws_lb_loadbalancer_internal } from "./aws/lb/loadbalancer-internal";
import { policy as aws_rds_instance_backup_retention } from "./aws/rds/instance-backup-retention";
import { policy as aws_rds_instance_deletion_protection } from "./aws/rds/instance-deletion-protection";
import { policy as aws_rds_instance_force_ssl_joined } from "./aws/rds/instance-force-ssl-joined";
import { policy as aws_rds_instance_logging } from "./aws/rds/instance-logging";
import { policy as aws_rds_instance_multi_az } from "./aws/rds/instance-multi-az";
import { policy as aws_rds_instance_no_public_access } from "./aws/rds/instance-no-public-access";
import { policy as aws_rds_instance_storage_encrypted } from "./aws/rds/instance-storage-encrypted";
import { policy as aws_rds_parametergroup_force_ssl } from "./aws/rds/parametergroup-force-ssl";
import { policy as aws_s3_bucket_encryption } from "./aws/s3/bucket-encryption";
import { policy as aws_s3_bucket_ownership_no_public_acl } from "./aws/s3/bucket-ownership-no-public-acl";
import { policy as aws_s3_bucket_public_access_block } from "./aws/s3/bucket-public-access-block";
import { policy as aws_s3_bucket_tls_only } from "./aws/s3/bucket-tls-only";
import { policy as aws_s3_bucket_versioning } from "./aws/s3/bucket-versioning";
import { policy as aws_sns_topic_encrypted } from "./aws/sns/topic-encrypted";
import { policy as gcp_compute_backendservice_armor_logging } from "./gcp/compute/backendservice-armor-logging";
import { policy as gcp_compute_backendservice_hsts } from "./gcp/compute/backendservice-hsts";
import { policy as gcp_compute_firewall_no_open_ingress } from "./gcp/compute/firewall-no-open-ingress";
import { policy as gcp_compute_http_redirects } from "./gcp/compute/http-redirects";
import { policy as gcp_compute_https_proxy_ssl_policy } from "./gcp/compute/https-proxy-ssl-policy";
import { policy as gcp_compute_security_policy_content } from "./gcp/compute/security-policy-content";
import { policy as gcp_compute_sslpolicy_tls12 } from "./gcp/compute/sslpolicy-tls12";
import { policy as gcp_compute_subnetwork_flow_logs } from "./gcp/compute/subnetwork-flow-logs";
import { policy as gcp_container_cluster_control_plane_restricted } from "./gcp/container/cluster-control-plane-restricted";
import { policy as gcp_container_cluster_logging_monitoring } from "./gcp/container/cluster-logging-monitoring";
import { policy as gcp_container_cluster_network_policy } from "./gcp/container/cluster-network-policy";
import { policy as gcp_container_cluster_no_legacy_auth } from "./gcp/container/cluster-no-legacy-auth";
import { policy as gcp_container_cluster_private_nodes } from "./gcp/container/cluster-private-nodes";
import { policy as gcp_container_cluster_release_channel } from "./gcp/container/cluster-release-channel";
import { policy as gcp_container_cluster_secrets_encryption } from "./gcp/container/cluster-secrets-encryption";
import { policy as gcp_container_cluster_shielded_default_pool } from "./gcp/container/cluster-shielded-default-pool";
import { policy as gcp_container_nodepool_dedicated_service_account } from "./gcp/container/nodepool-dedicated-service-account";
import { policy as gcp_container_nodepool_hardening } from "./gcp/container/nodepool-hardening";
import { policy as gcp_container_workload_identity } from "./gcp/container/workload-identity";
import { policy as gcp_deploy_cdn_cache_mode_ttls } from "./gcp/deploy/cdn-cache-mode-ttls";
import { policy as gcp_deploy_kms_key_location } from "./gcp/deploy/kms-key-location";
import { policy as gcp_deploy_sql_tls_mode_clients } from "./gcp/deploy/sql-tls-mode-clients";
import { policy as gcp_iam_wif_binding_pinned } from "./gcp/iam/wif-binding-pinned";
import { policy as gcp_iam_wif_provider_pinned } from "./gcp/iam/wif-provider-pinned";
import { policy as gcp_kms_cryptokey_rotation } from "./gcp/kms/cryptokey-rotation";
import { policy as gcp_projects_iam_no_primitive_roles } from "./gcp/projects/iam-no-primitive-roles";
import { policy as gcp_sql_instance_backups } from "./gcp/sql/instance-backups";
import { policy as gcp_sql_instance_ha_deletion_protection } from "./gcp/sql/instance-ha-deletion-protection";
import { policy as gcp_sql_instance_logging_flags } from "./gcp/sql/instance-logging-flags";
import { policy as gcp_sql_instance_private_only } from "./gcp/sql/instance-private-only";
import { policy as gcp_sql_instance_require_ssl } from "./gcp/sql/instance-require-ssl";
import { policy as gcp_storage_bucket_no_public } from "./gcp/storage/bucket-no-public";
import { policy as gcp_storage_bucket_versioning_encryption } from "./gcp/storage/bucket-versioning-encryption";
import { policy as kubernetes_deployments_replicas } from "./kubernetes/deployments/replicas";
import { policy as kubernetes_deployments_rolling_update } from "./kubernetes/deployments/rolling-update";
import { policy as kubernetes_helm_release_values } from "./kubernetes/helm/release-values";
import { policy as kubernetes_namespaces_pod_security } from "./kubernetes/namespaces/pod-security";
import { policy as kubernetes_services_no_node_port } from "./kubernetes/services/no-node-port";
import { policy as kubernetes_workloads_baseline } from "./kubernetes/workloads/baseline";
import { policy as kubernetes_workloads_drop_all_capabilities } from "./kubernetes/workloads/drop-all-capabilities";
import { policy as kubernetes_workloads_image_pinned } from "./kubernetes/workloads/image-pinned";
import { policy as kubernetes_workloads_no_default_namespace } from "./kubernetes/workloads/no-default-namespace";
import { policy as kubernetes_workloads_no_privilege_escalation } from "./kubernetes/workloads/no-privilege-escalation";
import { policy as kubernetes_workloads_probes } from "./kubernetes/workloads/probes";
import { policy as kubernetes_workloads_read_only_root_filesystem } from "./kubernetes/workloads/read-only-root-filesystem";
import { policy as kubernetes_workloads_resources } from "./kubernetes/workloads/resources";
import { policy as kubernetes_workloads_run_as_non_root } from "./kubernetes/workloads/run-as-non-root";
import { policy as kubernetes_workloads_seccomp } from "./kubernetes/workloads/seccomp";
import { policy as stack_alerting_configured } from "./stack/alerting-configured";
import { policy as stack_database_private_network } from "./stack/database-private-network";
import { policy as stack_deploy_cluster_api_reachable } from "./stack/deploy/cluster-api-reachable";
import { policy as stack_deploy_hpa_metrics_server } from "./stack/deploy/hpa-metrics-server";
import { policy as stack_deploy_kubernetes_version_supported } from "./stack/deploy/kubernetes-version-supported";
import { policy as stack_deploy_network_policy_enforced } from "./stack/deploy/network-policy-enforced";
import { policy as stack_deploy_node_autoscaler } from "./stack/deploy/node-autoscaler";
import { policy as stack_deploy_prod_stateful_protected } from "./stack/deploy/prod-stateful-protected";
import { policy as stack_deploy_workloads_wait_for_controllers } from "./stack/deploy/workloads-wait-for-controllers";
import { policy as stack_deployment_has_pdb } from "./stack/deployment-has-pdb";
import { policy as stack_namespace_default_deny } from "./stack/namespace-default-deny";
import { policy as stack_required_tags } from "./stack/required-tags";

export const packName = "strata-policies";

/** Every policy of the pack. */
export const policies = [
    aws_backup_plan_retention,
    aws_backup_selection_covers_database,
    aws_backup_vault_encrypted,
    aws_cloudfront_distribution_access_logging,
    aws_cloudfront_distribution_hsts,
    aws_cloudfront_distribution_https_only,
    aws_cloudfront_distribution_origin_tls,
    aws_cloudfront_distribution_viewer_tls,
    aws_cloudfront_distribution_waf,
    aws_cloudfront_distribution_waf_content,
    aws_cloudfront_vpcorigin_tls,
    aws_cloudwatch_loggroup_retention,
    aws_deploy_acm_certificate_usable,
    aws_deploy_cloudfront_cachepolicy_ttls,
    aws_deploy_securitygroup_description_charset,
    aws_deploy_kms_key_region,
    aws_deploy_trust_conditions_sent,
    aws_ec2_default_securitygroup_no_rules,
    aws_ec2_launchtemplate_imdsv2,
    aws_ec2_securitygroup_description,
    aws_ec2_securitygroup_no_open_ingress,
    aws_ec2_subnet_no_public_ip,
    aws_ec2_vpc_flow_logs,
    aws_ecr_repository_immutable_scanned,
    aws_eks_cluster_access_entries,
    aws_eks_cluster_control_plane_logging,
    aws_eks_cluster_endpoint_restricted,
    aws_eks_cluster_secrets_encryption,
    aws_eks_nodegroup_private_no_ssh,
    aws_eks_nodegroup_private_subnets,
    aws_iam_no_admin_attachment,
    aws_iam_policy_no_wildcard_actions,
    aws_iam_role_github_oidc_pinned,
    aws_iam_role_irsa_pinned,
    aws_iam_role_no_wildcard_principal,
    aws_kms_key_rotation,
    aws_lb_loadbalancer_drop_invalid_headers,
    aws_lb_loadbalancer_internal,
    aws_rds_instance_backup_retention,
    aws_rds_instance_deletion_protection,
    aws_rds_instance_force_ssl_joined,
    aws_rds_instance_logging,
    aws_rds_instance_multi_az,
    aws_rds_instance_no_public_access,
    aws_rds_instance_storage_encrypted,
    aws_rds_parametergroup_force_ssl,
    aws_s3_bucket_encryption,
    aws_s3_bucket_ownership_no_public_acl,
    aws_s3_bucket_public_access_block,
    aws_s3_bucket_tls_only,
    aws_s3_bucket_versioning,
    aws_sns_topic_encrypted,
    gcp_compute_backendservice_armor_logging,
    gcp_compute_backendservice_hsts,
    gcp_compute_firewall_no_open_ingress,
    gcp_compute_http_redirects,
    gcp_compute_https_proxy_ssl_policy,
    gcp_compute_security_policy_content,
    gcp_compute_sslpolicy_tls12,
    gcp_compute_subnetwork_flow_logs,
    gcp_container_cluster_control_plane_restricted,
    gcp_container_cluster_logging_monitoring,
    gcp_container_cluster_network_policy,
    gcp_container_cluster_no_legacy_auth,
    gcp_container_cluster_private_nodes,
    gcp_container_cluster_release_channel,
    gcp_container_cluster_secrets_encryption,
    gcp_container_cluster_shielded_default_pool,
    gcp_container_nodepool_dedicated_service_account,
    gcp_container_nodepool_hardening,
    gcp_container_workload_identity,
    gcp_deploy_cdn_cache_mode_ttls,
    gcp_deploy_kms_key_location,
    gcp_deploy_sql_tls_mode_clients,
    gcp_iam_wif_binding_pinned,
    gcp_iam_wif_provider_pinned,
    gcp_kms_cryptokey_rotation,
    gcp_projects_iam_no_primitive_roles,
    gcp_sql_instance_backups,
    gcp_sql_instance_ha_deletion_protection,
    gcp_sql_instance_logging_flags,
    gcp_sql_instance_private_only,
    gcp_sql_instance_require_ssl,
    gcp_storage_bucket_no_public,
    gcp_storage_bucket_versioning_encryption,
    kubernetes_deployments_replicas,
    kubernetes_deployments_rolling_update,
    kubernetes_helm_release_values,
    kubernetes_namespaces_pod_security,
    kubernetes_services_no_node_port,
    kubernetes_workloads_baseline,
    kubernetes_workloads_drop_all_capabilities,
    kubernetes_workloads_image_pinned,
    kubernetes_workloads_no_default_namespace,
    kubernetes_workloads_no_privilege_escalation,
    kubernetes_workloads_probes,
    kubernetes_workloads_read_only_root_filesystem,
    kubernetes_workloads_resources,
    kubernetes_workloads_run_as_non_root,
    kubernetes_workloads_seccomp,
    stack_alerting_configured,
    stack_database_private_network,
    stack_deploy_cluster_api_reachable,
    stack_deploy_hpa_metrics_server,
    stack_deploy_kubernetes_version_supported,
    stack_deploy_network_policy_enforced,
    stack_deploy_node_autoscaler,
    stack_deploy_prod_stateful_protected,
    stack_deploy_workloads_wait_for_controllers,
    stack_deployment_has_pdb,
    stack_namespace_default_deny,
    stack_required_tags,
];

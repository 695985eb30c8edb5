package dev.strata.config;

/**
 * Managed PostgreSQL settings.
 *
 * @param engineVersion       PostgreSQL major version
 * @param instanceClass       RDS instance class (AWS) or Cloud SQL tier (GCP), for the stack's cloud
 * @param storageGb           allocated storage in GiB
 * @param highAvailability    Multi-AZ (AWS) / regional (GCP) instance
 * @param backupRetentionDays automated backup / point-in-time-recovery window
 * @param deletionProtection  refuse deletion of the instance
 * @param edition             Cloud SQL edition (GCP): ENTERPRISE or ENTERPRISE_PLUS, validated against the tier
 */
public record DatabaseConfig(String engineVersion, String instanceClass, int storageGb,
                             boolean highAvailability, int backupRetentionDays, boolean deletionProtection,
                             String edition) {
}

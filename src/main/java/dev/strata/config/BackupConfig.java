package dev.strata.config;

/**
 * Scheduled backups of the database and mutable storage (AWS Backup / GCP exports).
 *
 * @param retentionDays how long each daily recovery point is kept
 * @param crossRegion   copy recovery points to {@code copyRegion}
 * @param copyRegion    the second region of the stack's cloud (validated even when unused)
 */
public record BackupConfig(int retentionDays, boolean crossRegion, String copyRegion) {
}

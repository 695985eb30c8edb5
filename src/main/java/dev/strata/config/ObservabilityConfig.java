package dev.strata.config;

import java.util.Optional;

/**
 * Logs, metrics and alerts.
 *
 * @param logRetentionDays days central logs are kept
 * @param alertEmail       address subscribed to alert notifications; required in prod
 */
public record ObservabilityConfig(int logRetentionDays, Optional<String> alertEmail) {
}

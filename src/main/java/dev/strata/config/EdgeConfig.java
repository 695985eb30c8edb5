package dev.strata.config;

import java.util.Optional;

/**
 * The public edge (CDN, TLS, WAF).
 *
 * @param domain      public host name; empty means the CDN's own host name
 * @param certificate an existing certificate (ACM ARN on AWS, certificate name on GCP); empty means managed
 */
public record EdgeConfig(Optional<String> domain, Optional<String> certificate) {
}

package dev.strata.config;

import java.util.Optional;

/**
 * The public edge (CDN, TLS, WAF).
 *
 * @param domain         public host name; empty means the CDN's own host name
 * @param certificate    an existing, issued certificate (ACM ARN in us-east-1 on AWS, certificate name on GCP)
 * @param route53ZoneId  AWS: the Route 53 hosted zone of {@code domain}; the program validates a new ACM certificate
 *                       through it and points the domain at CloudFront. On AWS a domain needs this or
 *                       {@code certificate}.
 */
public record EdgeConfig(Optional<String> domain, Optional<String> certificate, Optional<String> route53ZoneId) {
    public EdgeConfig(Optional<String> domain, Optional<String> certificate) {
        this(domain, certificate, Optional.empty());
    }
}

package dev.strata.platform;

/**
 * HTTP Strict Transport Security as both edges send it (CloudFront's response headers policy, the GCP backend
 * services' custom response headers). One year, subdomains included, no {@code preload}: preloading is a
 * commitment of the registrable domain that a stack's owner makes on hstspreload.org, not something a
 * subdomain's edge should opt into. RFC 6797 section 7.2: a browser ignores the header on plain http, so the
 * http to https redirects need not carry it. scripts/smoke and the policy pack accept no less than 180 days.
 */
public final class Hsts {
    public static final String HEADER = "Strict-Transport-Security";
    public static final int MAX_AGE_SECONDS = 31_536_000;
    public static final String VALUE = "max-age=" + MAX_AGE_SECONDS + "; includeSubDomains";

    private Hsts() {
    }
}

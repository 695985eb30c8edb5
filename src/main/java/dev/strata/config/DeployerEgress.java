package dev.strata.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The public IPv4 address this deployment runs from, so that the cluster API's allow-list always admits the
 * program that deploys through it ({@code strata:clusterApiAllowDeployer}). Asked of AWS's
 * {@code checkip.amazonaws.com} under a real {@code pulumi up/preview}; offline plans use {@link #PLANNER}, an
 * address of the documentation range TEST-NET-1 (RFC 5737), which no real deployer has.
 */
public final class DeployerEgress {
    /** The address offline plans and tests stand in for the deployer. */
    public static final String PLANNER = "192.0.2.10";
    /**
     * Environment variable naming the deployer's address instead of the lookup: runners with a fixed egress (a NAT
     * gateway's address), machines that cannot reach checkip, and the offline planner.
     */
    public static final String ENV = "STRATA_DEPLOYER_EGRESS";
    static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com/");
    static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private DeployerEgress() {
    }

    /** {@link #ENV} when set (validated), else the lookup. */
    public static String resolve(java.util.function.Function<String, String> env) {
        String given = env.apply(ENV);
        if (given != null && !given.isBlank()) {
            if (!IPV4.matcher(given.trim()).matches()) {
                throw new IllegalStateException(ENV + " = \"" + given + "\": allowed: a public IPv4 address");
            }
            return given.trim();
        }
        return lookup();
    }

    /** Looks the address up; fails with a message naming the setting to change when it cannot. */
    public static String lookup() {
        try {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            var response = client.send(HttpRequest.newBuilder(CHECK_IP).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(failure(e.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure("interrupted"), e);
        }
    }

    static String parse(int status, String body) {
        String ip = body == null ? "" : body.trim();
        if (status != 200 || !IPV4.matcher(ip).matches()) {
            throw new IllegalStateException(failure("HTTP " + status + " \"" + ip + "\""));
        }
        return ip;
    }

    private static String failure(String why) {
        return "strata:clusterApiAllowDeployer is true but this machine's public IPv4 address could not be read from "
                + CHECK_IP + " (" + why + "); list the deployer's egress ranges in strata:clusterApiAllowedCidrs and"
                + " set strata:clusterApiAllowDeployer false, or deploy from inside the network with"
                + " strata:clusterApiAccess private";
    }
}

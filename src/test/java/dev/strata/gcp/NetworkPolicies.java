package dev.strata.gcp;

import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;

/**
 * The Kubernetes NetworkPolicy ingress semantics (networking.k8s.io/v1) for the selectors the program writes
 * (matchLabels, namespace and pod selectors, ipBlocks, numeric and named ports), to ask whether a connection
 * between two pods is admitted.
 */
final class NetworkPolicies {
    private NetworkPolicies() {
    }

    /** A pod: its namespace's labels, its own labels and, for a destination, its named container ports. */
    record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels,
               Map<String, Integer> namedPorts) {
    }

    /**
     * Whether {@code from} may open a TCP connection to {@code port} of {@code to}, given the NetworkPolicies of
     * {@code to}'s namespace (their specs). A pod no ingress policy selects admits everything; otherwise one
     * rule of one selecting policy must admit the peer and the port.
     */
    static boolean admitsIngress(List<Map<String, Object>> specs, Pod from, Pod to, int port) {
        var selecting = specs.stream().filter(s -> list(s.getOrDefault("policyTypes", List.of("Ingress")))
                .contains("Ingress")).filter(s -> selects(map(s.get("podSelector")), to.labels())).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (var spec : selecting) {
            for (Object r : list(spec.getOrDefault("ingress", List.of()))) {
                var rule = map(r);
                if (peerAdmitted(rule, from, to) && portAdmitted(rule, to, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerAdmitted(Map<String, Object> rule, Pod from, Pod to) {
        if (!rule.containsKey("from") || list(rule.get("from")).isEmpty()) {
            return true;
        }
        for (Object p : list(rule.get("from"))) {
            var peer = map(p);
            if (peer.containsKey("ipBlock")) {
                continue; // pod-to-pod traffic is matched by selectors, not by the pod's address here
            }
            boolean nsOk = peer.containsKey("namespaceSelector")
                    ? selects(map(peer.get("namespaceSelector")), from.namespaceLabels())
                    : from.namespace().equals(to.namespace());
            boolean podOk = !peer.containsKey("podSelector") || selects(map(peer.get("podSelector")), from.labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portAdmitted(Map<String, Object> rule, Pod to, int port) {
        if (!rule.containsKey("ports")) {
            return true;
        }
        for (Object p : list(rule.get("ports"))) {
            var entry = map(p);
            Object value = entry.get("port");
            if (!"TCP".equals(entry.getOrDefault("protocol", "TCP"))) {
                continue;
            }
            if (value == null || (value instanceof Number n && n.intValue() == port)
                    || (value instanceof String name && Integer.valueOf(port).equals(to.namedPorts().get(name)))) {
                return true;
            }
        }
        return false;
    }

    /** A label selector as Kubernetes evaluates it: every matchLabels entry and every matchExpressions term. */
    private static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        var match = selector.containsKey("matchLabels") ? map(selector.get("matchLabels")) : Map.<String, Object>of();
        if (!match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (!selector.containsKey("matchExpressions")) {
            return true;
        }
        for (Object term : list(selector.get("matchExpressions"))) {
            var t = map(term);
            String value = labels.get(String.valueOf(t.get("key")));
            var values = t.containsKey("values") ? list(t.get("values")) : List.of();
            boolean ok = switch (String.valueOf(t.get("operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator: " + t);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code from} may open a TCP connection to the address {@code ip}:{@code port} outside the cluster.
     * A pod no egress policy selects may go anywhere; otherwise one rule of one selecting policy must admit
     * an ipBlock containing the address and the port.
     */
    static boolean admitsEgress(List<Map<String, Object>> specs, Pod from, String ip, int port) {
        var selecting = specs.stream().filter(s -> list(s.getOrDefault("policyTypes", List.of())).contains("Egress"))
                .filter(s -> selects(map(s.get("podSelector")), from.labels())).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (var spec : selecting) {
            for (Object r : list(spec.getOrDefault("egress", List.of()))) {
                var rule = map(r);
                boolean to = !rule.containsKey("to") || list(rule.get("to")).stream().map(p -> map(p))
                        .anyMatch(p -> p.containsKey("ipBlock") && contains(map(p.get("ipBlock")).get("cidr")
                                .toString(), ip));
                if (to && portAdmitted(rule, from, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean contains(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (address(parts[0]) & mask) == (address(ip) & mask);
    }

    private static long address(String ip) {
        long a = 0;
        for (String octet : ip.split("\\.")) {
            a = (a << 8) | Integer.parseInt(octet);
        }
        return a;
    }
}

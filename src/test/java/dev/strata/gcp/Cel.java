package dev.strata.gcp;

import java.util.Map;

/**
 * A tiny evaluator of the CEL subset the GitHub attribute conditions use ({@code assertion.<claim> == '<text>'},
 * {@code &&}, {@code ||}, parentheses), with CEL's error semantics: a missing claim makes its comparison an error;
 * {@code false && error} is false, {@code true || error} is true, otherwise the error propagates; Workload Identity
 * Federation rejects a token whose condition is false or an error.
 */
final class Cel {
    private Cel() {
    }

    /** True, false, or null for an error. */
    private record Parser(String s, Map<String, String> claims, int[] pos) {
        Boolean or() {
            Boolean v = and();
            while (skip("||")) {
                Boolean r = and();
                v = Boolean.TRUE.equals(v) || Boolean.TRUE.equals(r) ? Boolean.TRUE
                        : v == null || r == null ? null : Boolean.FALSE;
            }
            return v;
        }

        Boolean and() {
            Boolean v = atom();
            while (skip("&&")) {
                Boolean r = atom();
                v = Boolean.FALSE.equals(v) || Boolean.FALSE.equals(r) ? Boolean.FALSE
                        : v == null || r == null ? null : Boolean.TRUE;
            }
            return v;
        }

        Boolean atom() {
            if (skip("(")) {
                Boolean v = or();
                expect(")");
                return v;
            }
            expect("assertion.");
            int start = pos[0];
            while (pos[0] < s.length() && (Character.isLetterOrDigit(s.charAt(pos[0])) || s.charAt(pos[0]) == '_')) {
                pos[0]++;
            }
            String claim = s.substring(start, pos[0]);
            expect("==");
            expect("'");
            int end = s.indexOf('\'', pos[0]);
            String literal = s.substring(pos[0], end);
            pos[0] = end + 1;
            String value = claims.get(claim);
            return value == null ? null : value.equals(literal);
        }

        boolean skip(String token) {
            while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
                pos[0]++;
            }
            if (s.startsWith(token, pos[0])) {
                pos[0] += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!skip(token)) {
                throw new IllegalArgumentException("expected " + token + " at " + pos[0] + " in " + s);
            }
        }
    }

    static boolean admits(String condition, Map<String, String> claims) {
        var p = new Parser(condition, claims, new int[] {0});
        Boolean v = p.or();
        if (p.pos()[0] != condition.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos()[0] + " in " + condition);
        }
        return Boolean.TRUE.equals(v);
    }
}

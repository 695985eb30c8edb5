package dev.strata.config;

import java.util.regex.Pattern;

/**
 * An IPv4 network in CIDR notation whose host bits are zero ({@code 10.0.0.0/16}). Parsing is
 * strict: four decimal octets 0..255, a prefix 0..32, no host bits set.
 */
public record Cidr(long network, int prefix) {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32, got " + prefix);
        }
        if (network < 0 || network > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("network outside IPv4");
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + format(network) + "/" + prefix);
        }
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Cidr parse(String text) {
        var m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an IPv4 CIDR like 10.0.0.0/16");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("octet " + octet + " is above 255");
            }
            value = (value << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("prefix /" + prefix + " is above /32");
        }
        if ((value & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits are set; the network address is "
                    + format(value & mask(prefix)) + "/" + prefix);
        }
        return new Cidr(value, prefix);
    }

    /**
     * The {@code index}-th sub-block of prefix {@code newPrefix} inside this block
     * ({@code 10.0.0.0/16 .subnet(18, 1)} is {@code 10.0.64.0/18}).
     *
     * @throws IllegalArgumentException when the prefix is not longer or the index is out of range
     */
    public Cidr subnet(int newPrefix, int index) {
        if (newPrefix < prefix || newPrefix > 32) {
            throw new IllegalArgumentException("/" + newPrefix + " does not fit inside " + this);
        }
        long count = 1L << (newPrefix - prefix);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(this + " holds " + count + " /" + newPrefix + " blocks, not index "
                    + index);
        }
        return new Cidr(network + index * (1L << (32 - newPrefix)), newPrefix);
    }

    /** True when the two blocks share an address. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** True when {@code other} lies entirely inside this block. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    /** True when the block lies inside 10/8, 172.16/12 or 192.168/16 (RFC 1918). */
    public boolean isPrivate() {
        return PRIVATE_10.contains(this) || PRIVATE_172.contains(this) || PRIVATE_192.contains(this);
    }

    private static final Cidr PRIVATE_10 = new Cidr(10L << 24, 8);
    private static final Cidr PRIVATE_172 = new Cidr((172L << 24) | (16L << 16), 12);
    private static final Cidr PRIVATE_192 = new Cidr((192L << 24) | (168L << 16), 16);

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    static String format(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}

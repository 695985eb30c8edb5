package dev.strata.plan;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the engine's wire encoding of resource inputs ({@code google.protobuf.Struct} with Pulumi's
 * special signatures) into plain values for {@code plan.json}: an unknown value (the SDK's unknown
 * sentinel, or an output value without a value) becomes {@value #UNKNOWN}, a secret becomes
 * {@value SecretMasker#MARKER}, a resource reference its URN. Constants as in Pulumi's
 * {@code sdk/go/common/resource/plugin/rpc.go} and {@code sdk/go/common/resource/sig}.
 */
public final class WireValues {
    /** How plan.json writes a value that is unknown during a preview. */
    public static final String UNKNOWN = "[unknown]";
    static final String UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    static final String ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
    static final String ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

    private WireValues() {
    }

    /** The inputs of a request, keys sorted; null values (unset inputs) are dropped as the engine does. */
    public static Map<String, Object> decode(Struct struct) {
        var out = new TreeMap<String, Object>();
        struct.getFieldsMap().forEach((k, v) -> {
            Object d = decode(v);
            if (d != null) {
                out.put(k, d);
            }
        });
        return out;
    }

    static Object decode(Value v) {
        return switch (v.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> v.getBoolValue();
            case NUMBER_VALUE -> v.getNumberValue(); // the wire's double, as providers and policies receive it
            case STRING_VALUE -> UNKNOWN_SENTINEL.equals(v.getStringValue()) ? UNKNOWN : v.getStringValue();
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                v.getListValue().getValuesList().forEach(e -> list.add(decode(e)));
                yield list;
            }
            case STRUCT_VALUE -> special(v.getStructValue());
        };
    }

    private static Object special(Struct s) {
        Value sig = s.getFieldsMap().get(SIG_KEY);
        if (sig == null) {
            return decode(s);
        }
        Map<String, Value> f = s.getFieldsMap();
        return switch (sig.getStringValue()) {
            case SECRET_SIG -> SecretMasker.MARKER;
            case RESOURCE_SIG -> f.containsKey("urn") ? f.get("urn").getStringValue() : UNKNOWN;
            case OUTPUT_SIG -> {
                if (f.containsKey("secret") && f.get("secret").getBoolValue()) {
                    yield SecretMasker.MARKER;
                }
                yield f.containsKey("value") ? decode(f.get("value")) : UNKNOWN;
            }
            case ASSET_SIG, ARCHIVE_SIG -> {
                var m = new TreeMap<String, Object>(decode(s));
                m.remove(SIG_KEY);
                yield m;
            }
            default -> decode(s);
        };
    }
}

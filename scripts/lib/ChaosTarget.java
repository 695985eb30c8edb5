// Runs app/bench's load generator against a host other than localhost: the api Service inside the cluster,
// for scripts/chaos (LoadGen's request and measurements are unchanged). Compiled in the load pod together
// with LoadGen.java: javac -d /tmp/c LoadGen.java ChaosTarget.java && java -cp /tmp/c ChaosTarget open 50 120 16
public final class ChaosTarget {
    private ChaosTarget() {
    }

    public static void main(String[] args) throws Exception {
        LoadGen.host = System.getenv().getOrDefault("TARGET_HOST", "localhost");
        LoadGen.main(args);
    }
}

package dev.strata.counter;

/** Entry point: config from the environment, then the service (or only the migrations), stopped gracefully on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppConfig cfg;
        try {
            cfg = AppConfig.fromEnvironment(System.getenv());
        } catch (AppConfig.Invalid e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (cfg.migrateOnly()) {
            CounterApp.migrateOnly(cfg);
            return;
        }
        var app = CounterApp.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "graceful-stop"));
    }
}

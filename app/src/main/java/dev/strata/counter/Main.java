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
            try {
                CounterApp.migrateOnly(cfg);
            } catch (Database.ForeignSchema e) {
                System.err.println("migration refused: " + e.getMessage());
                System.exit(1);
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                System.err.println("migration failed: " + e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : ""));
                System.exit(1);
            }
            return;
        }
        CounterApp app;
        try {
            app = CounterApp.start(cfg, message -> new Thread(() -> System.exit(1), "fatal-exit").start());
        } catch (RuntimeException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "graceful-stop"));
    }
}

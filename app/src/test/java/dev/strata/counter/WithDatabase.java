package dev.strata.counter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with one real PostgreSQL for all its tests. */
abstract class WithDatabase {
    static TestDb db;

    @BeforeAll
    static void database() {
        db = new TestDb();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }
}

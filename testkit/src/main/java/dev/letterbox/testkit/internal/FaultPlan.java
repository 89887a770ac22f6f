package dev.letterbox.testkit.internal;

import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.fault.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** The injected faults and their occurrence counters. Thread-safe. */
public final class FaultPlan {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Entry> entries = new ArrayList<>();

    /** A fault with its counters. */
    public static final class Entry {
        final Fault fault;
        long seen;
        long fired;

        Entry(Fault fault) {
            this.fault = fault;
        }

        public Fault fault() {
            return fault;
        }
    }

    public Entry add(Fault f) {
        lock.lock();
        try {
            Entry e = new Entry(f);
            entries.add(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    public long fired(Entry e) {
        lock.lock();
        try {
            return e.fired;
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The faults that fire for this occurrence: a connection ({@code verb} empty) or a command, counting
     * the occurrence for every fault it matches.
     */
    public List<Fault> match(Service service, Optional<String> verb, Optional<String> user) {
        lock.lock();
        try {
            if (entries.isEmpty()) return List.of();
            List<Fault> hits = new ArrayList<>();
            for (Entry e : entries) {
                Fault f = e.fault;
                if (f.protocol() != service.protocol()) continue;
                if (f.service().isPresent() && f.service().get() != service) continue;
                if (!f.command().equals(verb)) continue;
                if (f.user().isPresent() && !f.user().equals(user)) continue;
                e.seen++;
                if (e.seen >= f.nth() && e.seen - f.nth() < f.times()) {
                    e.fired++;
                    hits.add(f);
                }
            }
            return hits;
        } finally {
            lock.unlock();
        }
    }
}

package dev.letterbox.testkit.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the faulting wrappers share with their server. */
public record Env(Recorder recorder, FaultPlan plan, Pauser pauser, FailableTls tls, Set<String> vetoedData) {
    public static Env create(Recorder recorder, FaultPlan plan, Pauser pauser, FailableTls tls) {
        return new Env(recorder, plan, pauser, tls, ConcurrentHashMap.newKeySet());
    }
}

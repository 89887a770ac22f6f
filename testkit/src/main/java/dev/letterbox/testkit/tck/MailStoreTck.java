package dev.letterbox.testkit.tck;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store TCK: the contract every {@link MailStore} — the built-in one and each host's — must pass
 * (ARCHITECTURE §3). A host runs it by subclassing in its tests:
 *
 * <pre>{@code
 * class MyStoreTckTest extends MailStoreTck {
 *     @Override
 *     protected MailStore createStore() {
 *         return new MyStore(freshTempDatabase()); // a fresh, empty store per test
 *     }
 *
 *     @Override // optional: only if the store enforces quotas
 *     protected Optional<MailStore> createStoreWithQuota(String user, long maxBytes, long maxMessages) {
 *         return Optional.of(new MyStore(freshTempDatabase(), user, maxBytes, maxMessages));
 *     }
 * }
 * }</pre>
 *
 * The store must accept the users {@link #user()} and {@link #otherUser()} (override them if it
 * needs particular names). INBOX is created through the SPI when the store does not create it by
 * itself; the tests use folders named {@code tck-...}. Atomic MOVE is optional (tests of it are
 * skipped when {@code moveTo} returns empty). Besides the JUnit tests, a jqwik property runs random
 * action sequences against the store and a reference model ({@link StoreModel}).
 */
public abstract class MailStoreTck implements MessageContract, FlagContract, UidRulesContract, FolderContract,
        QuotaContract, EventContract, ConcurrencyContract {

    private MailStore store;
    private UserMailboxes mailboxes;

    /** A fresh, empty store; called once per test (and once per try of the stateful property). */
    protected abstract MailStore createStore();

    /**
     * A fresh store in which {@code user} has the given limits (-1 = unlimited). The default says the
     * store has no quota support, which skips the quota tests.
     */
    protected Optional<MailStore> createStoreWithQuota(String user, long maxBytes, long maxMessages) {
        return Optional.empty();
    }

    @BeforeEach
    final void createTckStore() {
        store = createStore();
        mailboxes = null;
    }

    @AfterEach
    final void closeTckMailboxes() {
        if (mailboxes != null) mailboxes.close();
    }

    @Override
    public final MailStore store() {
        if (store == null) store = createStore();
        return store;
    }

    @Override
    public String user() {
        return "tck-user@example.org";
    }

    @Override
    public String otherUser() {
        return "tck-other@example.org";
    }

    @Override
    public final UserMailboxes mailboxes() {
        if (mailboxes == null) mailboxes = store().open(user());
        return mailboxes;
    }

    @Override
    public final Optional<MailStore> storeWithQuota(long maxBytes, long maxMessages) {
        return createStoreWithQuota(user(), maxBytes, maxMessages);
    }

    // ---- stateful property: the store against a reference model

    @Property(tries = 100, afterFailure = net.jqwik.api.AfterFailureMode.SAMPLE_FIRST)
    void store_behaves_like_the_reference_model(@ForAll("modelActions") ActionChain<StoreModel> chain) {
        chain.withInvariant("store matches model", StoreModel::check).run();
    }

    @Provide
    Arbitrary<ActionChain<StoreModel>> modelActions() {
        return ActionChain.<StoreModel>startWith(() -> new StoreModel(createStore(), user()))
                .withAction(6, append())
                .withAction(3, flags())
                .withAction(2, delete())
                .withAction(2, copy(false))
                .withAction(2, copy(true))
                .withAction(1, folderAction())
                .withMaxTransformations(40);
    }

    private static Arbitrary<Set<Flag>> flagSets() {
        return Arbitraries.of(Flag.SEEN, Flag.FLAGGED, Flag.DELETED, Flag.ANSWERED, Flag.RECENT,
                Flag.keyword("$Label1"), Flag.keyword("Work")).set().ofMaxSize(3);
    }

    private static Arbitrary<Integer> small() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static Action.Independent<StoreModel> append() {
        return () -> Combinators.combine(small(), flagSets(), Arbitraries.integers().between(0, 100000))
                .as((box, f, d) -> Transformer.mutate("append(" + box + ", " + f + ")", m -> m.append(box, f, d)));
    }

    private static Action.Independent<StoreModel> flags() {
        return () -> Combinators.combine(small(), small(), Arbitraries.integers().between(0, 4),
                        Arbitraries.of(FlagOp.class), flagSets())
                .as((box, seed, n, op, f) -> Transformer.mutate("flags(" + box + ", " + seed + "x" + n + ", " + op + f + ")",
                        m -> m.updateFlags(box, seed, n, op, f)));
    }

    private static Action.Independent<StoreModel> delete() {
        return () -> Combinators.combine(small(), small(), Arbitraries.integers().between(0, 3))
                .as((box, seed, n) -> Transformer.mutate("delete(" + box + ", " + seed + "x" + n + ")",
                        m -> m.delete(box, seed, n)));
    }

    private static Action.Independent<StoreModel> copy(boolean move) {
        String name = move ? "move" : "copy";
        return () -> Combinators.combine(small(), small(), small(), Arbitraries.integers().between(0, 4))
                .as((from, to, seed, n) -> Transformer.mutate(name + "(" + from + " -> " + to + ", " + seed + "x" + n + ")",
                        m -> m.copy(from, to, seed, n, move)));
    }

    private static Action.Independent<StoreModel> folderAction() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 2), small(), small())
                .as((kind, a, b) -> switch (kind) {
                    case 0 -> Transformer.<StoreModel>mutate("create(" + b + ")", m -> m.createFolder(b));
                    case 1 -> Transformer.<StoreModel>mutate("deleteFolder(" + a + ")", m -> m.deleteFolder(a));
                    default -> Transformer.<StoreModel>mutate("rename(" + a + " -> " + b + ")", m -> m.renameFolder(a, b));
                });
    }
}

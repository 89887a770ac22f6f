package dev.letterbox.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.smtp.SubmissionHandler;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.SubmissionSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing of recipients: local users, unknown local users, relay or "relaying not configured". */
class LocalDeliveryTest {
    /** Accepts PLAIN for any user whose password is "pw". */
    static final AuthService AUTH = new AuthService() {
        @Override
        public List<String> mechanisms(AuthContext ctx) {
            return List.of("PLAIN");
        }

        @Override
        public boolean plaintextAllowed(AuthContext ctx) {
            return true;
        }

        @Override
        public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
            return Optional.of(new SaslServer() {
                @Override
                public String mechanism() {
                    return "PLAIN";
                }

                @Override
                public SaslStep evaluate(byte[] r) {
                    String[] p = new String(r, StandardCharsets.UTF_8).split("\0", -1);
                    return p.length == 3 && p[2].equals("pw") ? new SaslStep.Success(new Principal(p[1]), new byte[0])
                            : new SaslStep.Failure(SaslStep.FailureKind.INVALID_CREDENTIALS, "");
                }
            });
        }

        @Override
        public LoginResult login(String u, char[] p, AuthContext ctx) {
            throw new UnsupportedOperationException();
        }
    };

    final FakeTarget target = new FakeTarget("alice@example.com", "bob@example.com", "carol");

    MemoryConnection session(SubmissionHandler handler, String user) {
        SubmissionProtocol p = SubmissionProtocol.builder(AUTH, handler).addReceived(false).addMissingDate(false)
                .addMissingMessageId(false).build();
        MemoryConnection c = MemoryConnection.open(p);
        c.sendLine("EHLO x");
        c.sendLine("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0pw").getBytes(StandardCharsets.UTF_8)));
        c.sendLine("MAIL FROM:<" + user + ">");
        c.takeOutput();
        return c;
    }

    String rcpt(MemoryConnection c, String to) {
        c.sendLine("RCPT TO:<" + to + ">");
        return c.takeOutput();
    }

    String data(MemoryConnection c, String content) {
        c.sendLine("DATA");
        c.send(content + "\r\n.\r\n");
        return c.takeOutput();
    }

    @Test
    void local_users_get_the_message_in_inbox_once_each() {
        LocalDelivery h = LocalDelivery.builder(target).localDomains("example.org").build();
        MemoryConnection c = session(h, "alice@example.com");
        assertThat(rcpt(c, "bob@example.com")).startsWith("250 ");
        assertThat(rcpt(c, "carol@example.org")).startsWith("250 "); // local domain + local part user
        assertThat(rcpt(c, "bob@example.com")).startsWith("250 ");
        assertThat(data(c, "Subject: hi\r\n\r\nbody")).endsWith("250 2.0.0 Message accepted for delivery\r\n");
        assertThat(target.deliveries).extracting(FakeTarget.Delivery::user).containsExactly("bob@example.com", "carol");
        assertThat(target.deliveries).allSatisfy(d -> {
            assertThat(d.folder()).isEqualTo(MailboxPath.INBOX);
            assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
            assertThat(d.flags()).isEmpty();
        });
    }

    @Test
    void unknown_user_in_local_domain_is_550_5_1_1_at_rcpt() {
        LocalDelivery h = LocalDelivery.builder(target).localDomains("Example.COM").build();
        MemoryConnection c = session(h, "alice@example.com");
        assertThat(rcpt(c, "nobody@example.com")).isEqualTo("550 5.1.1 No such user here\r\n");
        assertThat(rcpt(c, "postmaster")).startsWith("550 5.1.1 ");
    }

    @Test
    void non_local_without_relay_is_550_5_7_1() {
        LocalDelivery h = LocalDelivery.builder(target).localDomains("example.com").build();
        MemoryConnection c = session(h, "alice@example.com");
        assertThat(rcpt(c, "someone@elsewhere.net")).isEqualTo("550 5.7.1 Relaying not configured\r\n");
    }

    @Test
    void without_local_domains_store_users_define_local() {
        LocalDelivery h = LocalDelivery.builder(target).build();
        assertThat(h.route("bob@example.com")).isEqualTo(new LocalDelivery.Route.Local("bob@example.com"));
        assertThat(h.route("carol@example.com")).isInstanceOf(LocalDelivery.Route.Remote.class);
        assertThat(h.route("postmaster")).isInstanceOf(LocalDelivery.Route.UnknownLocal.class);
    }

    @Test
    void host_resolver_maps_aliases() {
        LocalDelivery h = LocalDelivery.builder(target).localDomains("example.com")
                .userResolver(a -> a.equals("sales@example.com") ? Optional.of("bob@example.com") : Optional.empty()).build();
        MemoryConnection c = session(h, "alice@example.com");
        assertThat(rcpt(c, "sales@example.com")).startsWith("250 ");
        assertThat(rcpt(c, "bob@example.com")).startsWith("550 5.1.1 "); // the resolver decides alone
        data(c, "x");
        assertThat(target.deliveries).extracting(FakeTarget.Delivery::user).containsExactly("bob@example.com");
    }

    @Test
    void sent_copy_goes_to_senders_sent_folder_flagged_seen() {
        LocalDelivery h = LocalDelivery.builder(target).saveSentCopy(true).build();
        MemoryConnection c = session(h, "alice@example.com");
        rcpt(c, "bob@example.com");
        data(c, "Subject: s\r\n\r\nx");
        assertThat(target.deliveries).hasSize(2);
        FakeTarget.Delivery sent = target.deliveries.get(1);
        assertThat(sent.user()).isEqualTo("alice@example.com");
        assertThat(sent.folder()).isEqualTo(MailboxPath.of("Sent Items"));
        assertThat(sent.flags()).containsExactly(Flag.SEEN);
    }

    @Test
    void sent_copy_is_off_by_default() {
        LocalDelivery h = LocalDelivery.builder(target).build();
        MemoryConnection c = session(h, "alice@example.com");
        rcpt(c, "bob@example.com");
        data(c, "x");
        assertThat(target.deliveries).hasSize(1);
    }

    @Test
    void over_quota_recipient_maps_to_552_5_2_2() {
        target.overQuotaUser = "bob@example.com";
        LocalDelivery h = LocalDelivery.builder(target).build();
        MemoryConnection c = session(h, "alice@example.com");
        rcpt(c, "bob@example.com");
        assertThat(data(c, "x")).endsWith("552 5.2.2 Mailbox full\r\n");
    }

    @Test
    void non_local_recipients_go_to_relay_first_and_local_ones_are_delivered() {
        List<String> relayed = new ArrayList<>();
        SubmissionHandler relay = ctx -> new SubmissionSession() {
            @Override
            public void mailFrom(dev.letterbox.smtp.MailFrom mail) {
                relayed.add("from " + mail.address());
            }

            @Override
            public void rcptTo(dev.letterbox.smtp.RcptTo rcpt) {
                relayed.add("to " + rcpt.address());
            }

            @Override
            public void data(MessageSource message) {
                relayed.add("data " + message.size());
            }
        };
        LocalDelivery h = LocalDelivery.builder(target).relay(relay).build();
        MemoryConnection c = session(h, "alice@example.com");
        assertThat(rcpt(c, "x@remote.example")).startsWith("250 ");
        assertThat(rcpt(c, "bob@example.com")).startsWith("250 ");
        data(c, "abc");
        assertThat(relayed).containsExactly("from alice@example.com", "to x@remote.example", "data 5");
        assertThat(target.deliveries).extracting(FakeTarget.Delivery::user).containsExactly("bob@example.com");
    }

    @Test
    void relay_failure_fails_the_transaction_before_local_delivery() {
        SubmissionHandler relay = ctx -> (SubmissionSession) m -> {
            throw new dev.letterbox.smtp.SmtpException(451, "4.4.1", "Relay host unavailable, try again later");
        };
        LocalDelivery h = LocalDelivery.builder(target).relay(relay).build();
        MemoryConnection c = session(h, "alice@example.com");
        rcpt(c, "x@remote.example");
        rcpt(c, "bob@example.com");
        assertThat(data(c, "abc")).endsWith("451 4.4.1 Relay host unavailable, try again later\r\n");
        assertThat(target.deliveries).isEmpty();
        assertThat(Set.copyOf(target.users)).contains("bob@example.com");
    }
}

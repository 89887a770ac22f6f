package dev.letterbox.core.net;

import static dev.letterbox.core.net.ServerFixture.ephemeral;
import static dev.letterbox.core.net.ServerFixture.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.letterbox.core.net.ConnectionListener.CloseReason;
import dev.letterbox.core.net.ConnectionListener.Rejection;
import dev.letterbox.core.net.internal.Threads;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MailServerTest {
    private final LineProtocol protocol = new LineProtocol();
    private final RecordingListener rec = new RecordingListener();
    private MailServer server;

    @AfterEach
    void tearDown() {
        protocol.slowGo.countDown();
        if (server != null) server.shutdown(Duration.ZERO);
    }

    private MailServer start(MailServer.Builder b) throws IOException {
        server = b.start();
        return server;
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void ephemeral_port_is_reported_and_serves(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        int port = server.port("line");
        assertThat(port).isPositive();
        assertThat(server.address("line").getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        try (Client c = Client.connect(port)) {
            assertThat(c.line()).isEqualTo("OK hello");
            assertThat(c.send("ECHO a b\r\n").line()).isEqualTo("ECHO a b");
            assertThat(c.send("QUIT\r\n").line()).isEqualTo("BYE");
            assertThat(c.rest()).isEmpty();
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.SESSION_CLOSED);
        assertThat(protocol.closed).hasValue(1);
        assertThatThrownBy(() -> server.port("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void connections_run_on_the_chosen_kind_of_thread(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            String thread = c.send("THREAD\r\n").line();
            if (mode == ThreadMode.VIRTUAL) {
                assertThat(thread).startsWith("VirtualThread");
                assertThat(server.usesVirtualThreads()).isTrue();
            } else {
                assertThat(thread).doesNotStartWith("VirtualThread").contains("letterbox-conn-");
                assertThat(server.usesVirtualThreads()).isFalse();
            }
        }
    }

    @Test
    void host_executor_runs_the_connections() throws Exception {
        ExecutorService host = Executors.newCachedThreadPool(r -> new Thread(r, "host-pool-thread"));
        try {
            start(plain(ThreadMode.AUTO, protocol, rec).executor(host));
            try (Client c = Client.connect(server.port("line"))) {
                c.line();
                assertThat(c.send("THREAD\r\n").line()).contains("host-pool-thread");
            }
            server.close();
            assertThat(host.isShutdown()).as("the host owns its executor").isFalse();
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void virtual_mode_on_a_jvm_without_virtual_threads_fails_at_start() {
        assumeFalse(Threads.virtualThreadsAvailable());
        MailServer s = plain(ThreadMode.VIRTUAL, protocol, rec).build();
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("Java 21");
        assertThat(s.isRunning()).isFalse();
    }

    @Test
    void bind_failure_reports_endpoint_address_and_real_cause() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            MailServer s = MailServer.builder().threads(ThreadMode.PLATFORM)
                    .plain("first", ephemeral(), protocol)
                    .plain("second", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), protocol)
                    .build();
            assertThatThrownBy(s::start)
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("second")
                    .hasMessageContaining("127.0.0.1:" + port)
                    .cause().isInstanceOf(BindException.class);
            assertThat(s.isRunning()).isFalse();
            assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void implicit_tls_endpoint_without_tls_config_is_refused_at_build() {
        assertThatThrownBy(() -> MailServer.builder().implicitTls("s", ephemeral(), protocol).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("s uses implicit TLS");
        assertThatThrownBy(() -> MailServer.builder().plain("a", ephemeral(), protocol).plain("a", ephemeral(), protocol))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void pipelined_commands_split_across_packets_are_all_answered_in_order(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec).readBufferSize(64));
        String longArg = "y".repeat(5000);
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            c.send("ECHO one\r\nECHO tw").send("o\r\nEC").send("HO three\r\n");
            for (String piece : ("ECHO " + longArg + "\r\n").split("(?<=\\G.{700})")) c.send(piece);
            for (char ch : "ECHO four\r\nECHO five\r\n".toCharArray()) c.send(String.valueOf(ch));
            assertThat(c.line()).isEqualTo("ECHO one");
            assertThat(c.line()).isEqualTo("ECHO two");
            assertThat(c.line()).isEqualTo("ECHO three");
            assertThat(c.line()).isEqualTo("ECHO " + longArg);
            assertThat(c.line()).isEqualTo("ECHO four");
            assertThat(c.line()).isEqualTo("ECHO five");
        }
        assertThat(protocol.executed).containsExactly("ECHO one", "ECHO two", "ECHO three", "ECHO " + longArg,
                "ECHO four", "ECHO five");
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void input_the_session_never_consumes_is_bounded_by_the_read_buffer_limit(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec).readBufferLimit(4096));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            c.send("ECHO " + "z".repeat(10_000));
            assertThat(rec.nextClose()).isEqualTo(CloseReason.ERROR);
            assertThat(c.rest()).isEmpty();
        }
        assertThat(protocol.closed).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void initial_read_timeout_calls_timedOut_then_closes(ThreadMode mode) throws Exception {
        protocol.initialTimeout = Duration.ofMillis(200);
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            assertThat(c.line()).isEqualTo("OK hello");
            assertThat(c.line()).isEqualTo("BYE timeout");
            assertThat(c.rest()).isEmpty();
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.READ_TIMEOUT);
        assertThat(protocol.timedOut).hasValue(1);
        assertThat(protocol.closed).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void read_timeout_set_by_the_session_applies_from_then_on(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            assertThat(c.send("TIMEOUT 150\r\n").line()).isEqualTo("OK");
            assertThat(c.line()).isEqualTo("BYE timeout");
            assertThat(c.rest()).isEmpty();
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.READ_TIMEOUT);
        assertThat(protocol.timedOut).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void write_watchdog_closes_a_connection_whose_client_stops_reading(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec).writeTimeout(Duration.ofMillis(200)));
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(server.address("line"));
            s.getOutputStream().write("BIG 500000000\r\n".getBytes());
            assertThat(rec.nextClose()).isEqualTo(CloseReason.WRITE_STALLED);
        }
        assertThat(protocol.closed).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void per_address_limit_answers_busy_without_a_session(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec).maxConnectionsPerAddress(2));
        int port = server.port("line");
        try (Client a = Client.connect(port); Client b = Client.connect(port)) {
            assertThat(a.line()).isEqualTo("OK hello");
            assertThat(b.line()).isEqualTo("OK hello");
            try (Client refused = Client.connect(port)) {
                assertThat(refused.rest()).isEqualTo("BUSY try later\r\n");
            }
            assertThat(rec.nextRejection()).isEqualTo(Rejection.TOO_MANY_FROM_ADDRESS);
            assertThat(protocol.sessions).hasValue(2);
            try (Client other = Client.connectFrom("127.0.0.2", port)) {
                assertThat(other.line()).as("another address has its own quota").isEqualTo("OK hello");
            }
            a.send("QUIT\r\n").rest();
            assertThat(rec.nextClose()).isNotNull();
            assertThat(rec.nextClose()).isNotNull();
            try (Client again = Client.connect(port)) {
                assertThat(again.line()).as("a closed connection frees its slot").isEqualTo("OK hello");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void total_limit_answers_busy_without_a_session(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec).maxConnections(1));
        int port = server.port("line");
        try (Client a = Client.connect(port)) {
            assertThat(a.line()).isEqualTo("OK hello");
            try (Client refused = Client.connectFrom("127.0.0.2", port)) {
                assertThat(refused.rest()).isEqualTo("BUSY try later\r\n");
            }
            assertThat(rec.nextRejection()).isEqualTo(Rejection.TOO_MANY_CONNECTIONS);
            assertThat(protocol.sessions).hasValue(1);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void graceful_shutdown_stops_accepting_lets_command_in_flight_finish_and_says_goodbye(ThreadMode mode)
            throws Exception {
        start(plain(mode, protocol, rec));
        int port = server.port("line");
        try (Client busy = Client.connect(port); Client idle = Client.connect(port)) {
            busy.line();
            idle.line();
            busy.send("SLOW\r\n");
            assertThat(protocol.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));

            assertThat(idle.line()).as("idle sessions are told at once").isEqualTo("BYE shutting down");
            assertThat(idle.rest()).isEmpty();
            assertThatThrownBy(() -> Client.connect(port).close()).isInstanceOf(ConnectException.class);
            assertThat(stopping).isNotDone();

            protocol.slowGo.countDown();
            assertThat(busy.line()).isEqualTo("OK slow done");
            assertThat(busy.line()).isEqualTo("BYE shutting down");
            assertThat(busy.rest()).isEmpty();
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThat(protocol.shutdowns).hasValue(2);
        assertThat(protocol.closed).hasValue(2);
        assertThat(rec.nextClose()).isEqualTo(CloseReason.SHUTDOWN);
        assertThat(rec.nextClose()).isEqualTo(CloseReason.SHUTDOWN);
        server.close(); // idempotent
        assertThat(server.isRunning()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void shutdown_deadline_closes_a_command_still_running(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client busy = Client.connect(server.port("line"))) {
            busy.line();
            busy.send("SLOW\r\n");
            assertThat(protocol.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            server.shutdown(Duration.ofMillis(100));
            assertThat(busy.rest()).isEmpty();
            protocol.slowGo.countDown();
            assertThat(rec.nextClose()).isEqualTo(CloseReason.SHUTDOWN);
        }
        assertThat(protocol.shutdowns).as("no goodbye while a command runs").hasValue(0);
        assertThat(protocol.closed).hasValue(1);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void session_reports_reach_the_listener_and_wire_trace(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            c.send("LOGIN bob secret\r\n").line();
            c.send("LOGIN bob wrong\r\n").line();
            c.send("QUIT\r\n").rest();
        }
        rec.nextClose();
        assertThat(rec.events).containsSubsequence("connected line", "S: OK hello", "C: LOGIN bob secret",
                "command LOGIN", "auth-ok bob LOGIN", "S: OK welcome", "auth-fail bob LOGIN", "S: ERR bad",
                "command QUIT", "S: BYE", "closed SESSION_CLOSED");
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void transferFrom_streams_exact_bytes_and_reports_a_short_source(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            String body = c.send("SEND 100000\r\n").line();
            assertThat(body).hasSize(100_000).startsWith("abcdefghijklmnopqrstuvwxyzabc");
            assertThat(body.charAt(99_999)).isEqualTo((char) ('a' + 99_999 % 26));
            assertThat(c.line()).isEqualTo("\0\0\0OK short source detected");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void writes_from_another_thread_interleave_only_as_whole_bursts(ThreadMode mode) throws Exception {
        start(plain(mode, protocol, rec));
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            c.send("PUSH 200\r\n");
            for (int i = 0; i < 50; i++) c.send("ECHO " + i + "\r\n");
            int pushes = 0;
            int echoes = 0;
            boolean ok = false;
            while (pushes < 200 || echoes < 50 || !ok) {
                String line = c.line();
                if (line.startsWith("* PUSH ")) {
                    assertThat(line).isEqualTo("* PUSH " + ++pushes);
                } else if (line.startsWith("ECHO ")) {
                    assertThat(line).isEqualTo("ECHO " + echoes++);
                } else {
                    assertThat(line).isEqualTo("OK pushing");
                    ok = true;
                }
            }
        }
    }

    @Test
    void close_is_idempotent_and_a_closed_server_reports_no_ports() throws Exception {
        start(plain(ThreadMode.PLATFORM, protocol, rec));
        server.close();
        server.close();
        assertThatThrownBy(() -> server.port("line")).isInstanceOf(IllegalStateException.class);
        MailServer neverStarted = plain(ThreadMode.PLATFORM, protocol, rec).build();
        neverStarted.close();
        assertThatThrownBy(neverStarted::start).isInstanceOf(IllegalStateException.class);
    }
}

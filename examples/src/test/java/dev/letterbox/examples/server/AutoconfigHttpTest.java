package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.discovery.ClientSettings.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Client-settings discovery served by the standalone server ({@code --autoconfig-port}), fetched over
 * real HTTP; asserts the fields Thunderbird, Outlook and Apple devices read, with the real ports.
 */
class AutoconfigHttpTest {
    private static final String OUTLOOK_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private LetterboxServer.Running running;

    @BeforeEach
    void start() throws Exception {
        running = ServerFixture.start(dir, out, "--user", "alice@example.org:pw", "--autoconfig-port", "0",
                "--mail-domain", "example.org", "--mail-domain", "example.com",
                "--hostname", "mail.example.org", "--internal-hostname", "mail.lan");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private int port(String listener) {
        return running.listeners().get(listener).getPort();
    }

    @Test
    void ready_line_names_the_autoconfig_address() {
        InetSocketAddress a = running.autoconfig().orElseThrow();
        String ready = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("READY")).findFirst().orElseThrow();
        assertThat(ready).endsWith(" autoconfig=127.0.0.1:" + a.getPort());
        assertThat(a.getPort()).isPositive();
    }

    @Test
    void thunderbird_autoconfig_on_both_paths_with_the_real_ports() throws Exception {
        for (String path : List.of("/.well-known/autoconfig/mail/config-v1.1.xml",
                "/mail/config-v1.1.xml?emailaddress=alice%40example.org")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/xml; charset=utf-8");
            Document doc = parse(r.body(), false);
            assertThat(xpath(doc, "/clientConfig/@version")).containsExactly("1.1");
            assertThat(xpath(doc, "/clientConfig/emailProvider/@id")).containsExactly("example.org");
            assertThat(xpath(doc, "/clientConfig/emailProvider/domain")).containsExactly("example.org", "example.com");
            assertThat(xpath(doc, "//incomingServer/@type")).containsExactly("imap", "imap", "pop3", "pop3");
            assertThat(xpath(doc, "//incomingServer/port")).containsExactly(str(port("imaps")), str(port("imap")),
                    str(port("pop3s")), str(port("pop3")));
            assertThat(xpath(doc, "//incomingServer/socketType")).containsExactly("SSL", "STARTTLS", "SSL", "STARTTLS");
            assertThat(xpath(doc, "//outgoingServer/@type")).containsExactly("smtp", "smtp");
            assertThat(xpath(doc, "//outgoingServer/port")).containsExactly(str(port("submissions")), str(port("submission")));
            assertThat(xpath(doc, "//outgoingServer/socketType")).containsExactly("SSL", "STARTTLS");
            // the test client is on loopback: the internal host name
            assertThat(xpath(doc, "//hostname")).containsOnly("mail.lan");
            assertThat(xpath(doc, "//username")).containsOnly("%EMAILADDRESS%");
            assertThat(xpath(doc, "//authentication")).containsOnly("password-cleartext");
        }
    }

    @Test
    void outlook_autodiscover_pox_on_both_spellings() throws Exception {
        for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml")) {
            HttpResponse<String> r = post(path, autodiscoverRequest("alice@example.org"));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/xml; charset=utf-8");
            Document doc = parse(r.body(), true);
            assertThat(doc.getDocumentElement().getNamespaceURI())
                    .isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
            assertThat(ns(doc, "AccountType")).containsExactly("email");
            assertThat(ns(doc, "Action")).containsExactly("settings");
            assertThat(ns(doc, "Type")).containsExactly("IMAP", "IMAP", "POP3", "POP3", "SMTP", "SMTP");
            assertThat(ns(doc, "Port")).containsExactly(str(port("imaps")), str(port("imap")), str(port("pop3s")),
                    str(port("pop3")), str(port("submissions")), str(port("submission")));
            assertThat(ns(doc, "Encryption")).containsExactly("SSL", "TLS", "SSL", "TLS", "SSL", "TLS");
            assertThat(ns(doc, "SSL")).containsOnly("on");
            assertThat(ns(doc, "Server")).containsOnly("mail.lan");
            assertThat(ns(doc, "LoginName")).containsOnly("alice@example.org");
            assertThat(ns(doc, "AuthRequired")).containsOnly("on");
        }
    }

    @Test
    void autodiscover_rejects_bad_requests_without_internal_detail() throws Exception {
        HttpResponse<String> notXml = post("/autodiscover/autodiscover.xml", "<Autodiscover><Request>");
        assertThat(notXml.statusCode()).isEqualTo(400);
        assertThat(notXml.body()).doesNotContain("Exception", "at ", "SAX");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>";
        assertThat(post("/autodiscover/autodiscover.xml", xxe).statusCode()).isEqualTo(400);
        assertThat(post("/autodiscover/autodiscover.xml", autodiscoverRequest("no-at-sign")).statusCode()).isEqualTo(400);
        assertThat(post("/autodiscover/autodiscover.xml", autodiscoverRequest("eve@elsewhere.example")).statusCode())
                .isEqualTo(404);
        String huge = autodiscoverRequest("alice@example.org").replace("<Request>",
                "<Request><!--" + "x".repeat(AutoconfigHttp.MAX_BODY) + "-->");
        assertThat(post("/autodiscover/autodiscover.xml", huge).statusCode()).isEqualTo(413);
        HttpResponse<String> get = get("/autodiscover/autodiscover.xml");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void apple_profile_for_an_address() throws Exception {
        HttpResponse<String> r = get("/mobileconfig?emailaddress=alice@example.org");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-apple-aspen-config");
        assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"example.org.mobileconfig\"");
        Document doc = parse(r.body(), false);
        String d = "/plist/dict/array/dict/key[.='%s']/following-sibling::*[1]";
        assertThat(xpath(doc, d.formatted("EmailAddress"))).containsExactly("alice@example.org");
        assertThat(xpath(doc, d.formatted("EmailAccountType"))).containsExactly("EmailTypeIMAP");
        assertThat(xpath(doc, d.formatted("IncomingMailServerHostName"))).containsExactly("mail.lan");
        assertThat(xpath(doc, d.formatted("IncomingMailServerPortNumber"))).containsExactly(str(port("imaps")));
        assertThat(xpath(doc, d.formatted("OutgoingMailServerPortNumber"))).containsExactly(str(port("submissions")));
        // booleans are the elements <true/> and <false/>
        assertThat(name(doc, d.formatted("IncomingMailServerUseSSL"))).isEqualTo("true");
        assertThat(name(doc, d.formatted("OutgoingMailServerUseSSL"))).isEqualTo("true");

        assertThat(get("/mobileconfig").statusCode()).isEqualTo(400);
        assertThat(get("/mobileconfig?emailaddress=bob@elsewhere.example").statusCode()).isEqualTo(404);
        assertThat(get("/mobileconfig?emailaddress=a%20b@example.org").statusCode()).isEqualTo(400);
    }

    @Test
    void srv_zone_text_with_the_real_ports() throws Exception {
        HttpResponse<String> r = get("/srv.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(r.body().lines().filter(l -> l.contains("example.org.") && !l.startsWith(";"))).containsExactly(
                "_imaps._tcp.example.org. 3600 IN SRV 0 1 " + port("imaps") + " mail.lan.",
                "_imap._tcp.example.org. 3600 IN SRV 10 1 " + port("imap") + " mail.lan.",
                "_pop3s._tcp.example.org. 3600 IN SRV 0 1 " + port("pop3s") + " mail.lan.",
                "_pop3._tcp.example.org. 3600 IN SRV 10 1 " + port("pop3") + " mail.lan.",
                "_submissions._tcp.example.org. 3600 IN SRV 0 1 " + port("submissions") + " mail.lan.",
                "_submission._tcp.example.org. 3600 IN SRV 10 1 " + port("submission") + " mail.lan.");
        assertThat(r.body()).contains("_imaps._tcp.example.com. ");
    }

    @Test
    void unknown_paths_404_and_wrong_methods_405() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/mail/config-v1.1.xml/../../x").statusCode()).isEqualTo(404);
        HttpResponse<String> r = post("/mail/config-v1.1.xml", "x");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET");
        assertThat(post("/srv.txt", "x").statusCode()).isEqualTo(405);
        assertThat(post("/mobileconfig", "x").statusCode()).isEqualTo(405);
        assertThat(HTTP.send(request("/srv.txt").method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void thunderbird_query_for_a_foreign_domain_is_404() throws Exception {
        assertThat(get("/mail/config-v1.1.xml?emailaddress=x@elsewhere.example").statusCode()).isEqualTo(404);
    }

    @Test
    void only_started_listeners_are_published_and_external_name_without_internal_one() throws Exception {
        running.close();
        running = ServerFixture.start(dir, out, "--user", "alice@example.org:pw", "--autoconfig-port", "0",
                "--hostname", "mx.example.org", "--imap", "off", "--pop3", "off", "--pop3s", "off", "--submission", "off");
        Document doc = parse(get("/.well-known/autoconfig/mail/config-v1.1.xml").body(), false);
        assertThat(xpath(doc, "/clientConfig/emailProvider/domain")).containsExactly("example.org"); // from the users
        assertThat(xpath(doc, "//incomingServer/port")).containsExactly(str(port("imaps")));
        assertThat(xpath(doc, "//outgoingServer/port")).containsExactly(str(port("submissions")));
        assertThat(xpath(doc, "//socketType")).containsOnly("SSL");
        assertThat(xpath(doc, "//hostname")).containsOnly("mx.example.org");
    }

    @Test
    void off_by_default() throws Exception {
        running.close();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        running = ServerFixture.start(dir, o, "--user", "alice@example.org:pw");
        assertThat(running.autoconfig()).isEmpty();
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("READY").doesNotContain("autoconfig=");
    }

    @Test
    void usage_errors_before_anything_starts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThatThrownBy(() -> ServerFixture.start(dir, err, "--user", "admin:pw", "--autoconfig-port", "0"))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThatThrownBy(() -> ServerFixture.start(dir, err, "--user", "a@example.org:pw", "--autoconfig-port", "0",
                "--hostname", "bad host")).isInstanceOf(LetterboxServer.UsageException.class);
        assertThatThrownBy(() -> ServerFixture.start(dir, err, "--autoconfig-port", "70000"))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--autoconfig-port needs --mail-domain",
                "--autoconfig-port takes a port").doesNotContain("READY");
    }

    @Test
    void autoconfig_port_in_use_is_a_start_error_naming_it() throws Exception {
        int taken = running.autoconfig().orElseThrow().getPort();
        assertThatThrownBy(() -> ServerFixture.start(dir, new ByteArrayOutputStream(), "--user", "a@example.org:pw",
                "--autoconfig-port", Integer.toString(taken)))
                .isInstanceOf(java.net.BindException.class).hasMessageStartingWith("autoconfig 127.0.0.1:" + taken + ": ");
    }

    @Test
    void requester_address_selects_the_network() throws Exception {
        for (String internal : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1",
                "fe80::1", "fd12:3456::1", "fc00::1")) {
            assertThat(AutoconfigHttp.network(InetAddress.getByName(internal))).as(internal).isEqualTo(Network.INTERNAL);
        }
        for (String external : List.of("8.8.8.8", "172.32.0.1", "100.64.0.1", "2001:db8::1", "2a00:1450::1")) {
            assertThat(AutoconfigHttp.network(InetAddress.getByName(external))).as(external).isEqualTo(Network.EXTERNAL);
        }
    }

    // ---- helpers ----

    private HttpRequest.Builder request(String path) {
        InetSocketAddress a = running.autoconfig().orElseThrow();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(request(path).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String autodiscoverRequest(String address) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
                + "<Request><EMailAddress>" + address + "</EMailAddress>"
                + "<AcceptableResponseSchema>" + OUTLOOK_NS + "</AcceptableResponseSchema></Request></Autodiscover>";
    }

    private static String str(int port) {
        return Integer.toString(port);
    }

    private static Document parse(String xml, boolean namespaces) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(namespaces);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> xpath(Document doc, String expr) throws Exception {
        return text((NodeList) XPathFactory.newInstance().newXPath().evaluate(expr, doc, XPathConstants.NODESET));
    }

    private static String name(Document doc, String expr) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expr, doc, XPathConstants.NODESET);
        assertThat(nodes.getLength()).as(expr).isEqualTo(1);
        return nodes.item(0).getNodeName();
    }

    private static List<String> ns(Document doc, String local) {
        return text(doc.getElementsByTagNameNS(OUTLOOK_NS, local));
    }

    private static List<String> text(NodeList nodes) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) all.add(nodes.item(i).getTextContent());
        return all;
    }
}

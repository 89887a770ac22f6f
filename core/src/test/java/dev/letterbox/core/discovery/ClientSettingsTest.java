package dev.letterbox.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.discovery.ClientSettings.Network;
import dev.letterbox.core.discovery.ServiceEndpoint.Security;
import dev.letterbox.core.discovery.ServiceEndpoint.Service;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ClientSettingsTest {
    private static final ClientSettings SETTINGS = ClientSettings.builder()
            .domain("example.com")
            .domain("example.org")
            .displayName("Example & Co Mail")
            .shortName("Example")
            .internalHost("mail.lan")
            .externalHost("mail.example.com")
            .endpoint(Service.IMAP, Security.STARTTLS, 143)
            .endpoint(Service.IMAP, Security.IMPLICIT_TLS, 993)
            .endpoint(Service.POP3, Security.IMPLICIT_TLS, 995)
            .endpoint(Service.SUBMISSION, Security.STARTTLS, 587)
            .endpoint(Service.SUBMISSION, Security.IMPLICIT_TLS, 465)
            .endpoint(Service.POP3, Security.NONE, 110)
            .build();

    @Test
    void thunderbird_autoconfig_lists_each_endpoint_implicit_tls_first() throws Exception {
        Document doc = parse(SETTINGS.thunderbirdAutoconfig(Network.EXTERNAL), false);
        assertThat(xpath(doc, "/clientConfig/@version")).containsExactly("1.1");
        assertThat(xpath(doc, "/clientConfig/emailProvider/@id")).containsExactly("example.com");
        assertThat(xpath(doc, "/clientConfig/emailProvider/domain")).containsExactly("example.com", "example.org");
        assertThat(xpath(doc, "/clientConfig/emailProvider/displayName")).containsExactly("Example & Co Mail");
        assertThat(xpath(doc, "/clientConfig/emailProvider/displayShortName")).containsExactly("Example");
        assertThat(xpath(doc, "//incomingServer/@type")).containsExactly("imap", "imap", "pop3");
        assertThat(xpath(doc, "//incomingServer/port")).containsExactly("993", "143", "995");
        assertThat(xpath(doc, "//incomingServer/socketType")).containsExactly("SSL", "STARTTLS", "SSL");
        assertThat(xpath(doc, "//incomingServer/hostname")).containsOnly("mail.example.com");
        assertThat(xpath(doc, "//incomingServer/username")).containsOnly("%EMAILADDRESS%");
        assertThat(xpath(doc, "//incomingServer/authentication")).containsOnly("password-cleartext");
        assertThat(xpath(doc, "//outgoingServer/@type")).containsExactly("smtp", "smtp");
        assertThat(xpath(doc, "//outgoingServer/port")).containsExactly("465", "587");
        assertThat(xpath(doc, "//outgoingServer/socketType")).containsExactly("SSL", "STARTTLS");
    }

    @Test
    void unencrypted_endpoints_are_not_published_by_default() throws Exception {
        Document doc = parse(SETTINGS.thunderbirdAutoconfig(Network.EXTERNAL), false);
        assertThat(xpath(doc, "//socketType")).doesNotContain("plain");
        assertThat(SETTINGS.endpoints()).noneMatch(e -> e.security() == Security.NONE);
    }

    @Test
    void internal_network_gets_the_internal_host_name() throws Exception {
        Document doc = parse(SETTINGS.thunderbirdAutoconfig(Network.INTERNAL), false);
        assertThat(xpath(doc, "//hostname")).containsOnly("mail.lan");
        assertThat(SETTINGS.srvRecords(Network.INTERNAL)).contains(" mail.lan.\n").doesNotContain("mail.example.com");
    }

    @Test
    void local_part_user_names() throws Exception {
        ClientSettings s = ClientSettings.builder().domain("example.com").externalHost("mx.example.com")
                .endpoint(Service.IMAP, Security.IMPLICIT_TLS, 993)
                .endpoint(Service.SUBMISSION, Security.IMPLICIT_TLS, 465)
                .usernameStyle(ClientSettings.UsernameStyle.LOCAL_PART).build();
        assertThat(xpath(parse(s.thunderbirdAutoconfig(Network.EXTERNAL), false), "//username"))
                .containsOnly("%EMAILLOCALPART%");
        assertThat(xpath(parse(s.autodiscoverResponse("jo@example.com", Network.EXTERNAL), false), "//*[local-name()='LoginName']"))
                .containsOnly("jo");
    }

    @Test
    void autodiscover_pox_response_fields_outlook_reads() throws Exception {
        Document doc = parse(SETTINGS.autodiscoverResponse("alice@example.com", Network.EXTERNAL), true);
        String ns = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
        assertThat(doc.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
        assertThat(doc.getElementsByTagNameNS(ns, "Response").getLength()).isEqualTo(1);
        assertThat(text(doc.getElementsByTagNameNS(ns, "AccountType"))).containsExactly("email");
        assertThat(text(doc.getElementsByTagNameNS(ns, "Action"))).containsExactly("settings");
        assertThat(text(doc.getElementsByTagNameNS(ns, "Type"))).containsExactly("IMAP", "IMAP", "POP3", "SMTP", "SMTP");
        assertThat(text(doc.getElementsByTagNameNS(ns, "Port"))).containsExactly("993", "143", "995", "465", "587");
        assertThat(text(doc.getElementsByTagNameNS(ns, "Encryption"))).containsExactly("SSL", "TLS", "SSL", "SSL", "TLS");
        assertThat(text(doc.getElementsByTagNameNS(ns, "SSL"))).containsOnly("on");
        assertThat(text(doc.getElementsByTagNameNS(ns, "SPA"))).containsOnly("off");
        assertThat(text(doc.getElementsByTagNameNS(ns, "AuthRequired"))).containsOnly("on");
        assertThat(text(doc.getElementsByTagNameNS(ns, "LoginName"))).containsOnly("alice@example.com");
        assertThat(text(doc.getElementsByTagNameNS(ns, "Server"))).containsOnly("mail.example.com");
    }

    @Test
    void autodiscover_request_address_is_extracted_and_entities_are_refused() {
        String req = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
                + "<Request><EMailAddress>bob@example.com</EMailAddress>"
                + "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
                + "</AcceptableResponseSchema></Request></Autodiscover>";
        assertThat(ClientSettings.autodiscoverRequestAddress(req.getBytes(StandardCharsets.UTF_8)))
                .contains("bob@example.com");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>";
        assertThat(ClientSettings.autodiscoverRequestAddress(xxe.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ClientSettings.autodiscoverRequestAddress("not xml".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void srv_records_follow_rfc6186_and_rfc8314() {
        String zone = SETTINGS.srvRecords(Network.EXTERNAL);
        assertThat(zone.lines().filter(l -> !l.startsWith(";"))).containsExactly(
                "_imaps._tcp.example.com. 3600 IN SRV 0 1 993 mail.example.com.",
                "_imap._tcp.example.com. 3600 IN SRV 10 1 143 mail.example.com.",
                "_pop3s._tcp.example.com. 3600 IN SRV 0 1 995 mail.example.com.",
                // not offered (the plain POP3 endpoint is unencrypted, so unpublished): RFC 2782 "."
                "_pop3._tcp.example.com. 3600 IN SRV 0 0 0 .",
                "_submissions._tcp.example.com. 3600 IN SRV 0 1 465 mail.example.com.",
                "_submission._tcp.example.com. 3600 IN SRV 10 1 587 mail.example.com.",
                "_imaps._tcp.example.org. 3600 IN SRV 0 1 993 mail.example.com.",
                "_imap._tcp.example.org. 3600 IN SRV 10 1 143 mail.example.com.",
                "_pop3s._tcp.example.org. 3600 IN SRV 0 1 995 mail.example.com.",
                "_pop3._tcp.example.org. 3600 IN SRV 0 0 0 .",
                "_submissions._tcp.example.org. 3600 IN SRV 0 1 465 mail.example.com.",
                "_submission._tcp.example.org. 3600 IN SRV 10 1 587 mail.example.com.");
    }

    @Test
    void apple_mobileconfig_is_a_plist_with_one_mail_payload() throws Exception {
        String plist = SETTINGS.appleMobileconfig("carol@example.com", Network.EXTERNAL);
        Document doc = parse(plist, false);
        List<String> keys = xpath(doc, "/plist/dict/array/dict/key");
        List<String> values = xpath(doc, "/plist/dict/array/dict/*[not(self::key)]");
        assertThat(keys).hasSameSizeAs(values);
        java.util.Map<String, String> mail = new java.util.LinkedHashMap<>();
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/plist/dict/array/dict/*", doc, XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i += 2) {
            var v = nodes.item(i + 1);
            mail.put(nodes.item(i).getTextContent(), v.getNodeName().equals("true") || v.getNodeName().equals("false")
                    ? v.getNodeName() : v.getTextContent());
        }
        assertThat(mail).containsEntry("PayloadType", "com.apple.mail.managed")
                .containsEntry("EmailAccountType", "EmailTypeIMAP")
                .containsEntry("EmailAddress", "carol@example.com")
                .containsEntry("IncomingMailServerHostName", "mail.example.com")
                .containsEntry("IncomingMailServerPortNumber", "993")
                .containsEntry("IncomingMailServerUseSSL", "true")
                .containsEntry("IncomingMailServerUsername", "carol@example.com")
                .containsEntry("IncomingMailServerAuthentication", "EmailAuthPassword")
                .containsEntry("OutgoingMailServerPortNumber", "465")
                .containsEntry("OutgoingMailServerUseSSL", "true")
                .containsEntry("OutgoingPasswordSameAsIncomingPassword", "true")
                .containsEntry("PayloadVersion", "1");
        assertThat(xpath(doc, "/plist/dict/key[.='PayloadType']/following-sibling::string[1]"))
                .containsExactly("Configuration");
        // stable UUIDs: the same address gives the same profile
        assertThat(SETTINGS.appleMobileconfig("carol@example.com", Network.EXTERNAL)).isEqualTo(plist);
        assertThat(SETTINGS.appleMobileconfig("dave@example.com", Network.EXTERNAL)).isNotEqualTo(plist);
    }

    @Test
    void invalid_host_names_are_rejected() {
        assertThatThrownBy(() -> ClientSettings.builder().externalHost("bad host"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientSettings.builder().domain("x\"<y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientSettings.builder().externalHost("a.b").build())
                .isInstanceOf(IllegalStateException.class);
    }

    private static Document parse(String xml, boolean namespaces) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(namespaces);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> xpath(Document doc, String expr) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expr, doc, XPathConstants.NODESET);
        return text(nodes);
    }

    private static List<String> text(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }
}
